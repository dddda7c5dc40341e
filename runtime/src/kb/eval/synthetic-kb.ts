import type { KbArticle } from '../article';

/**
 * Product questions a clothing shop accumulates as it grows ("亚麻衬衫有白色吗？", "Does the wool
 * coat come in navy?"), made by combining products, colours and question kinds. They only serve
 * to measure matching speed against large knowledge bases; accuracy is measured on the
 * hand-written set.
 */
const products: Array<[string, string]> = [
  ['亚麻衬衫', 'linen shirt'],
  ['羊毛大衣', 'wool coat'],
  ['牛仔裤', 'jeans'],
  ['真丝连衣裙', 'silk dress'],
  ['帆布包', 'canvas tote'],
  ['针织开衫', 'knit cardigan'],
  ['纯棉T恤', 'cotton t-shirt'],
  ['阔腿裤', 'wide-leg trousers'],
  ['羽绒服', 'down jacket'],
  ['百褶裙', 'pleated skirt'],
  ['卫衣', 'hoodie'],
  ['风衣', 'trench coat'],
  ['羊绒围巾', 'cashmere scarf'],
  ['皮带', 'leather belt'],
  ['小白鞋', 'white sneakers'],
  ['睡衣套装', 'pajama set'],
  ['运动短裤', 'running shorts'],
  ['西装外套', 'blazer'],
  ['毛线帽', 'beanie'],
  ['丝巾', 'silk scarf'],
  ['马甲', 'vest'],
  ['休闲裤', 'chinos'],
  ['吊带裙', 'slip dress'],
  ['polo衫', 'polo shirt'],
  ['双肩包', 'backpack'],
  ['袜子三双装', 'sock three-pack'],
  ['渔夫帽', 'bucket hat'],
  ['毛衣', 'sweater'],
];
const colors: Array<[string, string]> = [
  ['白色', 'white'],
  ['黑色', 'black'],
  ['藏青色', 'navy'],
  ['燕麦色', 'oatmeal'],
  ['酒红色', 'burgundy'],
  ['墨绿色', 'forest green'],
  ['灰色', 'grey'],
  ['卡其色', 'khaki'],
  ['粉色', 'pink'],
  ['天蓝色', 'sky blue'],
];
const kinds: Array<(p: [string, string], c: [string, string], n: number) => KbArticle> = [
  ([pz], [cz], n) => ({
    id: `syn-${n}`,
    locale: 'zh-CN',
    tags: [pz, cz, '库存'],
    question: `${pz}有${cz}吗？`,
    phrasings: [`${cz}的${pz}还有货吗`, `${pz}${cz}什么时候补货`],
    answer: `${pz}${cz}目前各尺码有少量现货，售完后约两周补货，可在商品页点「到货提醒」。`,
  }),
  (_p, _c, n) => {
    const [pe] = [_p[1]];
    const [ce] = [_c[1]];
    return {
      id: `syn-${n}`,
      locale: 'en',
      tags: [pe, ce, 'stock'],
      question: `Does the ${pe} come in ${ce}?`,
      phrasings: [`Is the ${ce} ${pe} in stock?`, `When will the ${pe} in ${ce} be restocked?`],
      answer: `The ${pe} in ${ce} has a few pieces left in most sizes; it is restocked about two weeks after selling out.`,
    };
  },
  ([pz], [cz], n) => ({
    id: `syn-${n}`,
    locale: 'zh-CN',
    tags: [pz, cz, '搭配'],
    question: `${cz}${pz}怎么搭配？`,
    phrasings: [`${pz}配什么好看`, `${cz}的${pz}适合什么场合`],
    answer: `${cz}${pz}百搭，推荐搭配同色系下装和小白鞋，通勤和周末都合适。`,
  }),
  ([, pe], [, ce], n) => ({
    id: `syn-${n}`,
    locale: 'en',
    tags: [pe, ce, 'styling'],
    question: `What goes well with the ${ce} ${pe}?`,
    phrasings: [`How should I style the ${pe}?`, `Is the ${ce} ${pe} good for work?`],
    answer: `The ${ce} ${pe} pairs well with neutral colours and white sneakers, for the office or the weekend.`,
  }),
];

/** `count` synthetic articles (deterministic), to append to a real knowledge base. */
export function syntheticArticles(count: number): KbArticle[] {
  const out: KbArticle[] = [];
  for (let n = 0; out.length < count; n++) {
    const kind = kinds[n % kinds.length]!;
    const product = products[Math.floor(n / kinds.length) % products.length]!;
    const color = colors[Math.floor(n / (kinds.length * products.length)) % colors.length]!;
    const round = Math.floor(n / (kinds.length * products.length * colors.length));
    const a = kind(product, color, n);
    // Past every combination, later rounds stand for the same products' new seasons.
    out.push(round === 0 ? a : { ...a, question: `${a.question} (${2020 + round})` });
  }
  return out;
}
