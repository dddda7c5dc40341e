/** What a small shop's customers write, in the two languages the product serves. */
export const CUSTOMER_LINES = [
  'Hi, where is my order? I paid last week and the tracking has not moved since Monday.',
  'Do you ship to Hong Kong, and how long does it usually take?',
  'The size M I got is too small, can I exchange it for an L?',
  'I was charged twice for order 20931, please refund one of them.',
  'Is the blue one back in stock soon?',
  'Can I change the delivery address? I moved last month.',
  'Thanks!',
  'ok',
  'The discount code SPRING10 says it is expired but your email says it is valid until Sunday.',
  'How do I cancel my subscription?',
  '你好，我的订单什么时候发货？',
  '可以开发票吗？公司抬头是上海某某贸易有限公司。',
  '收到的商品有破损，怎么退换？',
  '请问有优惠券吗',
  '谢谢',
  '快递显示已签收，但是我没有收到。',
];

export const AGENT_LINES = [
  'Sorry for the wait! Let me check that order for you.',
  'I have issued the refund, it should reach your card in 3-5 working days.',
  'Done: the new address is on the order.',
  '您好，已经为您安排补发，单号稍后短信通知。',
  '抱歉给您带来不便，已为您登记退货。',
];

export const TICKET_SUBJECTS = [
  'Refund for a duplicate charge',
  'Parcel marked delivered but not received',
  'Exchange request: wrong size',
  'Invoice request',
  'Damaged item on arrival',
  'Change of delivery address',
  '发票申请',
  '退换货申请',
];

export const FIRST_NAMES = [
  'Wei',
  'Li',
  'Anna',
  'Tom',
  'Mei',
  'Jun',
  'Sara',
  'Chen',
  'Lucas',
  'Yan',
  'Emma',
  'Hao',
];
export const LAST_NAMES = [
  'Wang',
  'Zhang',
  'Liu',
  'Smith',
  'Chen',
  'Garcia',
  'Huang',
  'Müller',
  'Zhao',
  'Lee',
];
export const CONTACT_TAGS = ['vip', 'wholesale', 'newsletter', 'returning', 'b2b'];
export const TICKET_TAGS = ['refund', 'shipping', 'exchange', 'invoice', 'damaged'];

/** The demo flow's reply (runtime/src/seed/demo-flow.ts), as the run renders it. */
export const autoReply = (text: string) =>
  `Thanks, we got your message: "${text}". A teammate will answer shortly.`;
export const WELCOME = 'Hi! Welcome to Demo Shop. How can we help you today?';
