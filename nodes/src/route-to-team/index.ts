import type { RoutingWhy } from '@kefu/schemas';
import { defineNode } from '../define-node';
import { routeToTeamSchema, type RouteToTeamConfig } from './schema';

/** Offers the conversation to a team's agents and waits until one accepts. */
export const routeToTeam = defineNode<RouteToTeamConfig, 'assigned' | 'no-agent' | 'timeout'>({
  kind: 'route-to-team',
  category: 'human',
  schema: routeToTeamSchema,
  // "no agent" is answered at once, so a loop back through it would spin without a wait.
  waits: ['assigned', 'timeout'],
  editor: {
    label: { en: 'Route to team', zh: '分配给团队' },
    description: { en: 'Hands the conversation to an agent of a team.', zh: '把会话交给团队中的客服。' },
    icon: 'users',
    ports: [
      { name: 'assigned', label: { en: 'assigned', zh: '已接入' }, required: false },
      { name: 'no-agent', label: { en: 'no agent', zh: '无人在线' }, required: true },
      { name: 'timeout', label: { en: 'timeout', zh: '超时' }, required: true },
    ],
    fields: { teamId: 'team', skills: 'tags', waitingMessage: 'template' },
  },
  references: (config) => [{ field: '/teamId', kind: 'team', id: config.teamId }],
  compile: (config) =>
    config.strategy === 'skills' && (config.skills ?? []).length === 0
      ? [{ field: '/skills', message: { en: 'Skills routing needs at least one skill', zh: '按技能分配至少需要一个技能' } }]
      : [],
  run: async (ctx) => {
    const { config } = ctx;
    const timeoutMs = (config.timeoutMinutes ?? 5) * 60_000;
    const strategy = config.strategy ?? 'least-loaded';
    const skills = config.skills ?? [];
    const offer = await ctx.act.offerToTeam({ teamId: config.teamId, strategy, skills, timeoutMs });
    // Who routing passed over and why comes with the offer's result: no second look at the team.
    const why = (more: Partial<Pick<RoutingWhy, 'acceptedBy' | 'waitedMinutes' | 'noAgent'>>): RoutingWhy => ({
      kind: 'routing',
      teamId: config.teamId,
      strategy,
      ...(skills.length ? { skills: skills.slice(0, 6) } : {}),
      candidates: [],
      ...offer.routing,
      ...more,
    });
    if ('noAgent' in offer)
      return {
        port: 'no-agent',
        decision: `no agent of team ${config.teamId} available`,
        why: why(offer.routing?.noAgent ? {} : { noAgent: 'nobody-eligible' }),
      };
    if (config.waitingMessage) await ctx.act.sendMessage({ text: ctx.render(config.waitingMessage) });
    const accepted = await ctx.waitForAgentAcceptance(offer.offerId, timeoutMs);
    if (!accepted)
      return {
        port: 'timeout',
        decision: `not accepted within ${config.timeoutMinutes} min`,
        why: why({ waitedMinutes: config.timeoutMinutes ?? 5 }),
      };
    return {
      port: 'assigned',
      decision: `accepted by agent ${accepted.agentId}`,
      why: why({ acceptedBy: accepted.agentId }),
    };
  },
});
