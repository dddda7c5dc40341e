import { createHttpFlowStore } from './flow-store-api';

/** The one flows API instance the designer talks to. */
export const flowStoreApi = createHttpFlowStore();
