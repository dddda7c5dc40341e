import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowsPath } from '../worker';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/**
 * The interpreter bundled once per test file, for every worker and replay in it. Webpack takes
 * 5–25 s on a loaded machine; a test that bundled for its worker and again for its replay spent
 * its whole budget there when two `npm test` ran side by side.
 */
export function testWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  return (bundle ??= bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') }));
}
