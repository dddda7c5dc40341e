import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { startProduct, type RunningProduct } from './product';
import type { ProductOptions } from './product-core';

/** The product (serving the built web app) and a browser, started once for a test file. */
export interface ProductInBrowser {
  product: RunningProduct;
  browser: Browser;
}

/**
 * Starts the product and Chromium side by side before the file's tests and stops both after them;
 * the returned object is filled in once `beforeAll` has run.
 */
export function productInBrowser(options: ProductOptions = {}): ProductInBrowser {
  const world = {} as ProductInBrowser;
  beforeAll(async () => {
    [world.product, world.browser] = await Promise.all([
      startProduct({ editorDist: true, ...options }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.product?.stop();
  });
  return world;
}
