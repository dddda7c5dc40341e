import { useEffect, useState } from 'react';
import { Designer } from './designer';
import { FlowList } from './flow-list';
import { FunnelViewer } from './funnel-viewer';

const readRoute = () => {
  const funnel = /^#\/flow\/([A-Za-z0-9_-]+)\/funnel\/(\d+)(?:\?(.*))?$/.exec(location.hash);
  // `#/flow/<id>/funnel/<version>?from=&to=`: the analytics funnel's "show on canvas".
  if (funnel) {
    const range = new URLSearchParams(funnel[3] ?? '');
    return {
      flowId: funnel[1] as string,
      funnel: { version: Number(funnel[2]), from: range.get('from') ?? '', to: range.get('to') ?? '' },
    };
  }
  const match = /^#\/flow\/([A-Za-z0-9_-]+)(?:\/run\/([^/]+))?/.exec(location.hash);
  if (!match) return { flowId: null };
  // `#/flow/<id>/run/<runId>`: the console's all-conversations view links a conversation's runs here.
  const runId = match[2] ? safeDecode(match[2]) : undefined;
  return { flowId: match[1] as string, ...(runId ? { runId } : {}) };
};

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** Hash routes inside /flows/: `#/` the flow list, `#/flow/<id>` the designer, `#/flow/<id>/run/<runId>` a run. */
export function FlowsApp() {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const onHash = () => setRoute(readRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  if (route.flowId && 'funnel' in route && route.funnel)
    return <FunnelViewer flowId={route.flowId} {...route.funnel} />;
  return route.flowId ? (
    <Designer key={route.flowId} flowId={route.flowId} runId={'runId' in route ? route.runId : undefined} />
  ) : (
    <FlowList />
  );
}
