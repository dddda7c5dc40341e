import { Types } from 'mongoose';
import { questionKey } from '../kb/article';
import { idForKey, insertUnique, touchKnowledgeBase, type Models } from '../models';

interface StarterArticle {
  /** Names the article's seeded id, so two API processes starting at once store it once. */
  key: string;
  question: string;
  phrasings: string[];
  answer: string;
  tags: string[];
  locale: 'en' | 'zh-CN';
}

/** What a small shop is asked most, in English and Chinese, so the demo bot has something to say. */
export const DEMO_ARTICLES: readonly StarterArticle[] = [
  {
    key: 'shipping-time',
    question: 'How long does delivery take?',
    phrasings: ['When will my order arrive?', 'How many days for shipping?', 'Delivery time'],
    answer: 'Orders ship within 24 hours and arrive in 2-3 working days in mainland China, 5-10 abroad.',
    tags: ['shipping'],
    locale: 'en',
  },
  {
    key: 'shipping-cost',
    question: 'How much is shipping?',
    phrasings: ['Is shipping free?', 'Delivery cost', 'Do you ship abroad?'],
    answer: 'Shipping is free over ¥99; below that it is ¥10. We ship abroad for a flat ¥80.',
    tags: ['shipping'],
    locale: 'en',
  },
  {
    key: 'returns',
    question: 'How do I return an item?',
    phrasings: ['Can I return my order?', 'Refund', 'Return policy', 'I want my money back'],
    answer:
      'You can return unused items within 7 days of delivery: open the order, choose "Return", and ' +
      'we refund within 3 working days of receiving it.',
    tags: ['returns'],
    locale: 'en',
  },
  {
    key: 'hours',
    question: 'What are your opening hours?',
    phrasings: ['When are you open?', 'Are you open at the weekend?', 'Customer service hours'],
    answer: 'Our team answers Monday to Friday, 09:00-18:00 (China time). The bot answers any time.',
    tags: ['hours'],
    locale: 'en',
  },
  {
    key: 'payment',
    question: 'Which payment methods do you accept?',
    phrasings: ['Can I pay by card?', 'Do you take Alipay?', 'How can I pay?'],
    answer: 'We accept Alipay, WeChat Pay, UnionPay and Visa/Mastercard.',
    tags: ['payment'],
    locale: 'en',
  },
  {
    key: 'order-status',
    question: 'Where is my order?',
    phrasings: ['Track my order', 'Order status', 'My parcel has not arrived'],
    answer:
      'Your order page shows its tracking number once it ships. Send us your order number (QY + 8 digits) ' +
      'and a teammate will check it.',
    tags: ['orders'],
    locale: 'en',
  },
  {
    key: 'shipping-time-zh',
    question: '多久能发货到？',
    phrasings: ['什么时候到货', '快递几天到', '发货时间'],
    answer: '下单后 24 小时内发货，中国大陆 2-3 个工作日送达，海外 5-10 个工作日。',
    tags: ['物流'],
    locale: 'zh-CN',
  },
  {
    key: 'shipping-cost-zh',
    question: '运费怎么算？',
    phrasings: ['包邮吗', '邮费多少', '可以寄到国外吗'],
    answer: '满 99 元包邮，不满 99 元运费 10 元；海外统一运费 80 元。',
    tags: ['物流'],
    locale: 'zh-CN',
  },
  {
    key: 'returns-zh',
    question: '怎么退货？',
    phrasings: ['可以退货吗', '退款', '退换货政策', '我要退钱'],
    answer: '收货后 7 天内未使用的商品可退：在订单页点“申请退货”，我们收到退货后 3 个工作日内退款。',
    tags: ['退货'],
    locale: 'zh-CN',
  },
  {
    key: 'hours-zh',
    question: '客服什么时候上班？',
    phrasings: ['营业时间', '周末有人吗', '几点上班'],
    answer: '人工客服周一至周五 09:00-18:00（北京时间）在线，机器人全天为您解答。',
    tags: ['营业时间'],
    locale: 'zh-CN',
  },
  {
    key: 'payment-zh',
    question: '支持哪些付款方式？',
    phrasings: ['可以用支付宝吗', '能刷卡吗', '怎么付款'],
    answer: '支持支付宝、微信支付、银联和 Visa/Mastercard。',
    tags: ['支付'],
    locale: 'zh-CN',
  },
  {
    key: 'order-status-zh',
    question: '我的订单到哪了？',
    phrasings: ['查物流', '订单状态', '包裹还没到'],
    answer: '发货后订单页会显示快递单号。把订单号（QY 加 8 位数字）发给我们，客服会帮您查询。',
    tags: ['订单'],
    locale: 'zh-CN',
  },
];

/**
 * Gives a workspace the starter articles once. The knowledge-base settings remember that it was
 * done, so an article the owner deleted does not come back on the next start; an article's seeded
 * id (and the one-question-per-workspace index) keeps a second process or a crashed first run
 * from storing any twice, and an existing article, edited or not, is never written over.
 */
export async function seedDemoArticles(models: Models, workspaceId: string): Promise<number> {
  const ws = new Types.ObjectId(workspaceId);
  const settings = await models.KbSettings.findOne({ workspaceId: ws }, { starterArticlesAt: 1 }).lean();
  if (settings?.starterArticlesAt) return 0;
  let stored = 0;
  for (const { key, ...article } of DEMO_ARTICLES) {
    const doc = await insertUnique(models.KbArticle, {
      _id: idForKey(`starter-article:${workspaceId}:${key}`),
      workspaceId: ws,
      ...article,
      questionKey: questionKey(article.question),
      enabled: true,
    });
    if (doc) stored++;
  }
  await touchKnowledgeBase(models.KbSettings, ws);
  await models.KbSettings.updateOne({ workspaceId: ws }, { $set: { starterArticlesAt: new Date() } });
  return stored;
}
