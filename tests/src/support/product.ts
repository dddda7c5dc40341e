import { inject } from 'vitest';
import { startProductOn, type ProductOptions, type RunningProduct } from './product-core';

/** The real product for one test file, on the servers the global setup started. */
export function startProduct(options: ProductOptions = {}): Promise<RunningProduct> {
  return startProductOn(
    {
      temporalAddress: inject('temporalAddress'),
      mongoBaseUri: inject('mongoBaseUri'),
      postgresUrl: inject('postgresUrl'),
      workflowBundlePath: inject('workflowBundlePath'),
    },
    options,
  );
}

export { spawnApi, spawnWorker, stopChild, waitForPort, type RunningProduct } from './product-core';
