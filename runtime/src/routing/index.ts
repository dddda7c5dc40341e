// Agent routing, shared by the API and the worker (which imports it as @kefu/runtime/routing).
export { chooseAgent, canTakeMore, hasSkills, type Candidate, type Choice, type RoutingRequest } from './choose-agent';
export {
  claimMove,
  claimSlot,
  expireOffer,
  findTeam,
  freeAssigneeSlot,
  freeSlot,
  loadsOf,
  offerConversation,
  passOffer,
  releaseAssignee,
  updateAgentProfile,
  type OfferRequest,
  type OfferResult,
  type MoveOutcome,
} from './routing-service';
