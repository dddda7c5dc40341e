import { useEffect, useState } from 'react';
import { Designer } from './designer';
import { FlowList } from './flow-list';

const readRoute = () => {
  const match = /^#\/flow\/([A-Za-z0-9_-]+)/.exec(location.hash);
  return match ? { flowId: match[1] as string } : { flowId: null };
};

/** Hash routes inside /flows/: `#/` the flow list, `#/flow/<id>` the designer. */
export function FlowsApp() {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const onHash = () => setRoute(readRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route.flowId ? <Designer key={route.flowId} flowId={route.flowId} /> : <FlowList />;
}
