export { openStore, type Store, type StoreConfig } from './open-store';
export { prepareStore } from './prepare-store';
export { installStaleWriteRetry, isStaleWrite } from './stale-write-retry';
export { equalityIndexFields } from './equality-indexes';
export { storeReads, type Reads, type StoreReads } from './store-reads';
export {
  installDataKeys,
  dataKeys,
  dataKeysEnv,
  dataKeysFromEnv,
  generatedDataKeys,
} from '../privacy/data-keys';
export {
  parseDataKeys,
  sealField,
  openField,
  FieldCryptoError,
  type DataKeyring,
} from '../privacy/field-crypto';
export { resealPersonalData, type ResealReport } from '../privacy/reseal';
