import { createLocalFlowStore } from './flow-store-api';
import { loadStarterTemplates } from './flow-templates';

/** The one flows API instance the designer talks to (see flow-store-api.ts for why it is local for now). */
export const flowStoreApi = createLocalFlowStore(localStorage, loadStarterTemplates);
