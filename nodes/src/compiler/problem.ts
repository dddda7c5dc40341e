import type { LocalText } from '../text';

/** One reason a draft cannot be published, named precisely enough for the editor to select it. */
export interface FlowProblem {
  code: string;
  /** The node at fault; absent for problems of the whole flow. */
  nodeId?: string;
  /** JSON path: inside the node's config when nodeId is set, inside the draft otherwise. */
  field: string;
  message: LocalText;
}
