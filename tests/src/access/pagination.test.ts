import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startAccessApp, type AccessApp, type Member } from './access-app';

/** The one list convention: pages walked with nextCursor add up to the whole list, in order. */
let ctx: AccessApp;
let owner: Member;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'pages');
  // Inserted together, so several share a createdAt to the millisecond: _id must break the ties.
  const now = new Date();
  await ctx.models.User.insertMany(
    ['kai', 'ana', 'zoe', 'bo', 'mia', 'lu', 'eve'].map((name) => ({
      workspaceId: owner.workspaceId,
      email: `${name}-${Date.now()}@pages.example`,
      name,
      passwordHash: 'not used',
      roles: ['agent'],
      createdAt: now,
      updatedAt: now,
    })),
    { timestamps: false },
  );
});
afterAll(async () => await ctx?.stop());

async function walk(query: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/users?limit=3&${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await ctx.app.inject({ url, headers: { cookie: owner.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: { name: string }[]; nextCursor: string | null };
    expect(page.items.length).toBeLessThanOrEqual(3);
    names.push(...page.items.map((u) => u.name));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  return names;
}

describe('lists page by cursor', () => {
  it('walks every row once, in the asked order', async () => {
    const all = ['pages owner', 'kai', 'ana', 'zoe', 'bo', 'mia', 'lu', 'eve'];
    expect(await walk('sort=name')).toEqual([...all].sort());
    expect(await walk('sort=-name')).toEqual([...all].sort().reverse());
    const byCreation = await walk('sort=createdAt');
    expect(byCreation).toHaveLength(all.length);
    expect(new Set(byCreation)).toEqual(new Set(all));
    expect(byCreation[0]).toBe('pages owner');
  });

  it('refuses a cursor made for another sort', async () => {
    const first = await ctx.app.inject({
      url: '/users?limit=2&sort=name',
      headers: { cookie: owner.cookie },
    });
    const cursor = (first.json() as { nextCursor: string }).nextCursor;
    const res = await ctx.app.inject({
      url: `/users?limit=2&sort=-name&cursor=${cursor}`,
      headers: { cookie: owner.cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'querystring/cursor' });
  });
});
