import type { OfferWire } from '@kefu/schemas/api';
import type { OfferDoc } from '../../models';

export function toWireOffer(
  o: Pick<OfferDoc, 'conversationId' | 'teamId' | 'agentId' | 'status' | 'expiresAt'> & { _id: unknown; createdAt: Date },
): OfferWire {
  return {
    id: String(o._id),
    conversationId: String(o.conversationId),
    teamId: String(o.teamId),
    agentId: String(o.agentId),
    status: o.status,
    expiresAt: new Date(o.expiresAt).toISOString(),
    createdAt: new Date(o.createdAt).toISOString(),
  };
}
