/**
 * Words that carry no intent in a customer-service question. They are dropped before indexing
 * and matching so that "how do I ..." or "请问一下 ..." neither match every article nor dilute
 * the confidence score. Kept short on purpose: a word here can never be matched.
 */
export const englishStopWords: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then so of to in on at by for from with about as into than too very ' +
    'i me my mine we us our you your yours he she it its they them their this that these those there here ' +
    'is am are was were be been being do does did doing done have has had having ' +
    'can could would should will shall may might must ' +
    'what which who whom whose how why just also please pls plz hi hello hey thanks thank thx ok okay ' +
    "i'm i've i'd i'll you're it's don't doesn't didn't can't cannot isn't aren't won't what's how's " +
    // The same typed without apostrophes, and chat shorthand.
    'im ive youre dont doesnt didnt cant isnt arent wont whats hows u ur r ya pls plz ' +
    'any some all get got want need like know tell let any one yes no not really still again'
  ).split(/\s+/),
);

export const chineseStopWords: ReadonlySet<string> = new Set(
  (
    '的 了 吗 嘛 呢 吧 啊 呀 哦 喔 嗯 哈 么 么么 啦 哈哈 呵呵 ' +
    '我 你 您 他 她 它 我们 你们 他们 咱们 自己 ' +
    '是 在 就 都 也 还 又 和 与 跟 及 或 或者 而 但 但是 ' +
    '这 那 这个 那个 这些 那些 这里 那里 这样 那样 ' +
    '请问 请 问 问一下 想问 想问一下 一下 麻烦 谢谢 你好 您好 在吗 亲 老板 客服 ' +
    '怎么 怎么样 怎样 如何 什么 啥 吗 能 能不能 可以 可不可以 可否 会 会不会 要 想 想要 得 需要 ' +
    '我想 我要 想知道 知道 才 才能 能否 一般 大概 现在 目前 ' +
    '有 有没有 没有 一个 个 些 下 上 很 太 更 最 非常 就是 的话 然后 因为 所以 ' +
    // Traditional forms, for customers in Hong Kong and Taiwan (content words match by pinyin).
    '嗎 們 你們 我們 他們 這 這個 那個 這些 那些 這裡 那裡 這樣 請問 請 問一下 謝謝 麼 怎麼 怎麼樣 什麼 ' +
    '會 會不會 還 個 能不能 還是 可不可以 麻煩 一個 沒有 有沒有 就是 的話 然後 因為 所以 現在 目前 需要'
  ).split(/\s+/),
);
