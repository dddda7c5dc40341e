import { callApi, type Shop } from './shop';

/** A member of a shop's staff with a session of their own. */
export interface StaffMember extends Shop {
  userId: string;
}

/** The shop's owner as a staff member (owners may take chats too). */
export async function ownerOf(baseUrl: string, shop: Shop): Promise<StaffMember> {
  const me = await callApi<{ userId: string }>(baseUrl, shop, 'GET', '/agents/me');
  if (me.status !== 200) throw new Error(`GET /agents/me: ${me.status} ${JSON.stringify(me.body)}`);
  return { ...shop, userId: me.body.userId };
}

/** Invites an agent into the shop and accepts the invite as them, over the real API. */
export async function inviteAgent(baseUrl: string, owner: Shop, label: string): Promise<StaffMember> {
  const email = `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const invited = await callApi<{ link: string }>(baseUrl, owner, 'POST', '/invites', {
    email,
    roles: ['agent'],
  });
  if (invited.status !== 201) throw new Error(`invite: ${invited.status} ${JSON.stringify(invited.body)}`);
  const token = new URL(invited.body.link).searchParams.get('token');
  const res = await fetch(`${baseUrl}/invites/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, name: `${label} agent`, password: 'correct horse battery staple' }),
  });
  if (res.status !== 201) throw new Error(`accept invite: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('kefu_session='))!
    .split(';')[0]!;
  return { ...owner, cookie, userId: body.user.id };
}
