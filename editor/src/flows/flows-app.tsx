import { useEffect, useState } from 'react';
import { Designer } from './designer';
import { FlowList } from './flow-list';

const readRoute = () => {
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
  return route.flowId ? (
    <Designer key={route.flowId} flowId={route.flowId} runId={route.runId} />
  ) : (
    <FlowList />
  );
}
