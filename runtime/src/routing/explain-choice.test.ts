import { describe, expect, it } from 'vitest';
import { chooseAgent, type Candidate, type RoutingRequest } from './choose-agent';
import { explainChoice } from './explain-choice';

const agent = (userId: string, over: Partial<Candidate> = {}): Candidate => ({
  userId,
  presence: 'online',
  load: 0,
  maxConcurrent: 3,
  skills: ['billing'],
  ...over,
});

describe('explainChoice', () => {
  const team = [
    agent('offline', { presence: 'offline' }),
    agent('away', { presence: 'away' }),
    agent('full', { load: 3 }),
    agent('no-skill', { skills: ['returns'] }),
    agent('busy', { load: 2 }),
    agent('free', { load: 1 }),
    agent('declined'),
  ];
  const request: RoutingRequest = { strategy: 'skills', skills: ['billing'], exclude: ['declined'] };

  it('says why routing passed each agent over, for the choice chooseAgent made', () => {
    const chosen = chooseAgent(team, request)?.agent.userId ?? null;
    expect(chosen).toBe('free');
    expect(explainChoice(team, request, chosen)).toEqual({
      candidates: [
        { agentId: 'offline', outcome: 'offline', load: 0, maxConcurrent: 3 },
        { agentId: 'away', outcome: 'away', load: 0, maxConcurrent: 3 },
        { agentId: 'full', outcome: 'full', load: 3, maxConcurrent: 3 },
        {
          agentId: 'no-skill',
          outcome: 'lacks-skill',
          load: 0,
          maxConcurrent: 3,
          missingSkills: ['billing'],
        },
        { agentId: 'busy', outcome: 'busier', load: 2, maxConcurrent: 3 },
        { agentId: 'free', outcome: 'chosen', load: 1, maxConcurrent: 3 },
        { agentId: 'declined', outcome: 'declined', load: 0, maxConcurrent: 3 },
      ],
    });
  });

  it('names a lost slot race as full and round-robin skips as not their turn', () => {
    const rr: RoutingRequest = { strategy: 'round-robin', skills: [] };
    const members = [agent('a'), agent('b'), agent('c')];
    expect(explainChoice(members, rr, 'b', ['a']).candidates.map((c) => c.outcome)).toEqual([
      'full',
      'chosen',
      'not-their-turn',
    ]);
    expect(explainChoice(members, rr, null).candidates.map((c) => c.outcome)).toEqual([
      'not-their-turn',
      'not-their-turn',
      'not-their-turn',
    ]);
  });

  it('keeps a large team to a dozen agents, the chosen one always among them', () => {
    const big = Array.from({ length: 40 }, (_, i) =>
      agent(`a${i}`, { presence: i === 39 ? 'online' : 'offline' }),
    );
    const { candidates, candidatesMore } = explainChoice(big, request, 'a39');
    expect(candidates).toHaveLength(12);
    expect(candidatesMore).toBe(28);
    expect(candidates.at(-1)).toMatchObject({ agentId: 'a39', outcome: 'chosen' });
  });
});
