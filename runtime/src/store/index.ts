export { openStore, type Store, type StoreConfig } from './open-store';
export { prepareStore } from './prepare-store';
export { installStaleWriteRetry, isStaleWrite } from './stale-write-retry';
export { equalityIndexFields } from './equality-indexes';
export { storeReads, type Reads, type StoreReads } from './store-reads';
