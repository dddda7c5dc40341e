import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Run } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { callApi, signUpShop } from './support/shop';
import { lineDraft, publishFlow } from './support/publish-flow';
import { WidgetSocket, isBotText } from './support/widget-socket';

/**
 * The conversation-resolved trigger on the real API, worker, Temporal and FerretDB: an owner resolves
 * a chat in the inbox and the published conversation-resolved flow runs with the conversation, the
 * contact and who resolved it as its facts.
 */
describe('conversation-resolved trigger', () => {
  let product: RunningProduct;

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  const resolvedFlow = (channels: string[]) => ({
    ...lineDraft('After resolution', [
      { id: 'start', type: 'conversation-resolved', config: { channels } },
      {
        id: 'mark',
        type: 'update-contact',
        config: { addTags: ['resolved'], attributes: [{ key: 'resolvedBy', value: '{{resolvedBy.name}}' }] },
      },
      {
        id: 'thanks',
        type: 'send-message',
        config: { text: 'Thanks for chatting with {{resolvedBy.name}}!' },
      },
      { id: 'end', type: 'end', config: {} },
    ]),
    kind: 'survey' as const,
  });

  it('starts when an agent resolves a conversation, with who resolved it, once per resolution', async () => {
    const shop = await signUpShop(product.url, 'resolved');
    const { flowId } = await publishFlow(product.url, shop, resolvedFlow([]));
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-resolved', shop.publicKey);
    const { conversationId } = session;

    const resolve = () => callApi(product.url, shop, 'POST', `/conversations/${conversationId}/resolve`);
    expect((await resolve()).status).toBe(200);
    await socket.next(isBotText(/Thanks for chatting with resolved owner!/));
    const conversation = await product.models.Conversation.findOne({
      _id: conversationId,
      workspaceId: shop.workspaceId,
    }).lean();
    await expect
      .poll(async () => {
        const contact = await product.models.Contact.findOne({
          _id: conversation?.contactId,
          workspaceId: shop.workspaceId,
        }).lean();
        return {
          tags: contact?.tags,
          by: (contact?.attributes as Record<string, unknown> | undefined)?.resolvedBy,
        };
      })
      .toEqual({ tags: ['resolved'], by: 'resolved owner' });
    const runs = async () =>
      (
        await callApi<Page<Run>>(product.url, shop, 'GET', `/runs?conversationId=${conversationId}`)
      ).body.items.filter((r) => r.flowId === flowId);
    await expect.poll(async () => (await runs()).map((r) => r.status)).toEqual(['completed']);
    // Resolving again is refused and starts nothing.
    expect((await resolve()).status).toBe(409);
    expect((await runs()).length).toBe(1);
    await socket.close();
  });

  it("starts nothing when the trigger's filters decline the conversation", async () => {
    const shop = await signUpShop(product.url, 'resolved-filtered');
    await publishFlow(product.url, shop, resolvedFlow(['email']));
    const socket = await WidgetSocket.open(product.wsUrl);
    const { conversationId } = await socket.hello('visitor-web', shop.publicKey);
    expect(
      (await callApi(product.url, shop, 'POST', `/conversations/${conversationId}/resolve`)).status,
    ).toBe(200);
    // The start is made before the resolve answers; a started run would be linked to the conversation.
    expect(
      await product.models.TicketRunLink.countDocuments({ workspaceId: shop.workspaceId, conversationId }),
    ).toBe(0);
    const runs = await callApi<Page<Run>>(product.url, shop, 'GET', `/runs?conversationId=${conversationId}`);
    expect(runs.body.items).toEqual([]);
    expect(
      await product.models.Message.countDocuments({
        workspaceId: shop.workspaceId,
        conversationId,
        author: 'bot',
      }),
    ).toBe(0);
    await socket.close();
  });
});
