import type { Rng } from '../../../engines/geo';

// Common surnames, most frequent first; weights follow their rough frequency in northern China.
const surnames =
  '王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文';
const givenChars =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘';
const shopWords = '福兴隆盛旺顺发祥瑞和泰鑫源聚丰佳信诚美乐惠康宏鼎昌达安华金益众家';
const shopKinds: Record<string, string[]> = {
  grocery: ['商店', '日杂店', '副食店', '小卖部', '便民店'],
  convenience: ['便利店', '便利', '24小时便利店'],
  supermarket: ['超市', '购物广场', '生活超市'],
  mall: ['商厦', '百货'],
  tobacco_liquor: ['烟酒店', '烟酒行', '名烟名酒'],
  entertainment: ['宾馆', 'KTV', '茶楼', '网吧'],
  other: ['加油站便利店', '书报亭', '药店'],
};
const streets = [
  '建设路',
  '解放路',
  '迎泽大街',
  '人民路',
  '新华街',
  '和平路',
  '文化路',
  '胜利街',
  '中心街',
  '府西街',
  '东大街',
  '西大街',
  '南关街',
  '北关街',
  '新建路',
  '长风街',
  '学府街',
  '滨河路',
  '朝阳街',
  '幸福路',
];

export function personName(rng: Rng): string {
  const surname =
    surnames[Math.min(surnames.length - 1, Math.floor(rng.next() ** 2 * surnames.length))]!;
  const first = givenChars[rng.int(0, givenChars.length - 1)]!;
  return rng.next() < 0.6
    ? surname + first + givenChars[rng.int(0, givenChars.length - 1)]!
    : surname + first;
}

export function shopName(rng: Rng, businessType: string, holder: string): string {
  const kinds = shopKinds[businessType] ?? shopKinds.other!;
  const kind = rng.pick(kinds);
  const style = rng.next();
  if (style < 0.35) return `${holder}${kind}`;
  const word =
    shopWords[rng.int(0, shopWords.length - 1)]! + shopWords[rng.int(0, shopWords.length - 1)]!;
  return `${word}${kind}`;
}

export function address(rng: Rng, countyName: string, urban: boolean): string {
  if (urban) return `${countyName}${rng.pick(streets)}${rng.int(1, 399)}号`;
  const village =
    givenChars[rng.int(0, givenChars.length - 1)]! + rng.pick(['家庄', '村', '家堡', '峪', '沟']);
  return `${countyName}${village}${rng.int(1, 120)}号`;
}

export function mobile(rng: Rng): string {
  return `1${rng.pick(['35', '39', '52', '58', '87', '38', '80', '99'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}
