#!/usr/bin/env bash
# Installs whatever Kefu needs and is missing; every step checks first, so running it again is cheap.
#   bash scripts/setup.sh          what `npm start` needs
#   bash scripts/setup.sh --test   also what the tests need (Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin=$root/.tools/bin
mkdir -p "$bin"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "Installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

if [ -n "${TEMPORAL_ADDRESS:-}" ]; then
  echo "Temporal: using the cluster at TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS"
elif [ -x "$bin/temporal" ] || command -v temporal >/dev/null; then
  :
else
  step "Building the Temporal CLI v1.5.1 from the Go module proxy (a few minutes, once)"
  # Later tags carry a replace directive and cannot be installed with go install.
  GOBIN=$bin go install -v github.com/temporalio/cli/cmd/temporal@v1.5.1 2>&1 | awk '{ n++; if (n % 40 == 0) printf "  ... %d packages compiled (%s)\n", n, $0 }'
  test -x "$bin/temporal" || { echo "Temporal CLI build failed" >&2; exit 1; }
fi

apt_install() {
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@") >/dev/null
  else
    sudo sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $*" >/dev/null
  fi
}

if [ -n "${MONGODB_URI:-}" ]; then
  echo "MongoDB: using MONGODB_URI"
else
  # The embedded store keeps its data in a private PostgreSQL cluster under data/postgres.
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    step "Installing PostgreSQL from Debian (the embedded store's storage)"
    apt_install postgresql
    ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || { echo "PostgreSQL install failed" >&2; exit 1; }
  fi
fi
if [ -z "${MONGODB_URI:-}" ] && { [ ! -x "$bin/ferretdb" ] || [ -n "$(find scripts/ferretdb -newer "$bin/ferretdb" -type f)" ]; }; then
  step "Building FerretDB 1.24.2 (MongoDB wire protocol on PostgreSQL) from the Go module proxy (a minute or two, once)"
  (cd scripts/ferretdb && go build -v -o "$bin/ferretdb" . 2>&1 | awk '{ n++; if (n % 40 == 0) printf "  ... %d packages compiled (%s)\n", n, $0 }')
  test -x "$bin/ferretdb" || { echo "FerretDB build failed" >&2; exit 1; }
fi

# Temporal's Java time-skipping test server, for timer-heavy workflow tests (hours pass in milliseconds).
tss=$bin/temporal-test-server
if [ "${1:-}" = "--test" ] && { [ ! -x "$tss" ] || ! [ -f "$(sed -n 's/^# first jar: //p' "$tss")" ]; }; then
  step "Resolving Temporal's time-skipping test server 1.31.0 from Maven Central (once)"
  (cd scripts/time-skipping && mvn -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$root/.tools/time-skipping.classpath")
  cp=$(cat "$root/.tools/time-skipping.classpath")
  printf '#!/bin/sh\n# first jar: %s\nexec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "%s" io.temporal.testserver.TestServer "$@"\n' "${cp%%:*}" "$cp" > "$tss"
  chmod +x "$tss"
fi

# A CJK font too: the designer's Chinese UI is screenshot in the browser tests.
if [ "${1:-}" = "--test" ] && { [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/wqy ]; }; then
  step "Installing Chromium and a Chinese font from Debian for the browser tests"
  apt_install chromium fonts-wqy-zenhei
  test -x /usr/bin/chromium || { echo "Chromium install failed" >&2; exit 1; }
fi
