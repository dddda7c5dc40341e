// The worker's workflowsPath: every workflow type the worker runs, and nothing else.
export { conversationFlow } from './workflows/conversation-flow';
export { deliverOutbound } from './workflows/deliver-outbound';
export { weeklyReport } from './workflows/weekly-report';
export { retentionSweep } from './workflows/retention-sweep';
