import { TestWorkflowEnvironment } from '@temporalio/testing';
import { toolPath } from '../../../scripts/lib/servers';

/**
 * Temporal's Java time-skipping test server (set up by scripts/setup.sh --test). The SDK gives it
 * 5 s to listen; a JVM on a busy 2-core machine can miss that, so a slow start is tried again
 * rather than failing the suite.
 */
export async function timeSkippingEnvironment(attempts = 4): Promise<TestWorkflowEnvironment> {
  for (let i = 1; ; i++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: toolPath('temporal-test-server') } },
      });
    } catch (err) {
      if (i >= attempts || !/did not start within/.test(String(err))) throw err;
    }
  }
}
