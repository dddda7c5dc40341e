/** A shop signed up over the real HTTP API, with its owner's session cookie. */
export interface Shop {
  cookie: string;
  workspaceId: string;
  publicKey: string;
}

export async function signUpShop(baseUrl: string, label: string): Promise<Shop> {
  const res = await fetch(`${baseUrl}/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspaceName: `${label} shop`,
      name: `${label} owner`,
      email: `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`,
      password: 'correct horse battery staple',
    }),
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { workspace: { id: string; publicKey: string } };
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kefu_session='));
  if (!cookie) throw new Error('sign-up set no session cookie');
  return {
    cookie: cookie.split(';')[0]!,
    workspaceId: body.workspace.id,
    publicKey: body.workspace.publicKey,
  };
}

/** Calls the API as the shop's owner (or signed out with `null`); JSON in, JSON out. */
export async function callApi<T>(
  baseUrl: string,
  shop: Shop | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(shop ? { cookie: shop.cookie } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
