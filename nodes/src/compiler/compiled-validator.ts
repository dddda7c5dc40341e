import { compiledFlowSchema, type CompiledFlow } from '@kefu/schemas';
import { checker } from '@kefu/schemas/validate';

/** Checks a compiled flow's shape, e.g. one read back from the database. */
export const compiledFlowValidator = checker<CompiledFlow>(compiledFlowSchema);
