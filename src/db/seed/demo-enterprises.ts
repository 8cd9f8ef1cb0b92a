// Deterministic synthetic enterprises for the demo and the benchmarks: valid USCCs, spread over
// every region of both cities, with plausible industries, chains and certifications.
import { INDUSTRIAL_CHAINS } from '../../domain/enterprise/chains.ts';
import type { EnterpriseCreateInput } from '../../domain/enterprise/enterprise-input.ts';
import { REGIONS } from '../../domain/regions.ts';
import { makeUscc, USCC_CHARSET } from '../../domain/uscc/uscc.ts';
import { pick, prng } from '../../lib/prng.ts';

const WORDS = ['华', '宏', '瑞', '恒', '鑫', '创', '新', '远', '航', '润', '泰', '兴', '达', '诚', '嘉', '盛', '博', '锦', '明', '德', '智', '精', '科', '源'];
const TRADES: [string, string][] = [
  ['C3670', '汽车零部件'], ['C3612', '汽车制造'], ['C3411', '锅炉'], ['C3442', '数控机床'], ['C3821', '变压器'],
  ['C3824', '电力装备'], ['C3914', '电子元件'], ['C2710', '医药'], ['C2614', '化工'], ['C1713', '纺织'],
  ['C1391', '食品'], ['C3311', '金属结构'], ['C3484', '机械'], ['C2929', '新材料'], ['C4090', '仪器仪表'],
];
const CHAIN_OF: Record<string, (typeof INDUSTRIAL_CHAINS)[number]> = {
  汽车零部件: '汽车及零部件', 汽车制造: '汽车及零部件', 数控机床: '高端装备', 锅炉: '高端装备', 机械: '高端装备',
  变压器: '新型电力装备', 电力装备: '新型电力装备', 电子元件: '电子信息', 医药: '生物医药', 化工: '化工',
  纺织: '纺织服装', 食品: '食品', 新材料: '新材料', 金属结构: '其他', 仪器仪表: '电子信息',
};
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙'];

const orgChars = USCC_CHARSET.replace(/[A-Z]/g, '');

/**
 * Area code and first local digit of a landline in the region: 0514 is Yangzhou's, 0512 Suzhou's;
 * Suzhou's county-level cities (昆山 57…, 常熟 52…, 张家港 58…, 太仓 53…) dial 5…, its districts and
 * zones 6…, Yangzhou's 8….
 */
function phonePrefix(region: (typeof REGIONS)[number]): string {
  if (region.city === 'yangzhou') return '0514-8';
  return region.level === 'county' ? '0512-5' : '0512-6';
}

export function demoEnterprise(i: number, rand = prng(20220224 + i)): EnterpriseCreateInput {
  const regions = REGIONS.filter((r) => r.level !== 'city');
  const region = regions[i % regions.length]!;
  const [industryCode, trade] = pick(rand, TRADES);
  const cityName = region.city === 'yangzhou' ? '扬州' : '苏州';
  const name = `${cityName}${pick(rand, WORDS)}${pick(rand, WORDS)}${trade}有限公司${i >= 300 ? `(${i})` : ''}`;
  // The organisation code body encodes i so every code is unique.
  const body = (String(i).padStart(7, '0') + pick(rand, orgChars.split(''))).slice(-8);
  const uscc = makeUscc('9', '1', region.adminCode, body);
  const certifications: EnterpriseCreateInput['certifications'] = [];
  if (rand() < 0.25) certifications.push({ kind: 'integration', level: pick(rand, ['A', '2A', '3A']), title: '两化融合管理体系评定证书', year: 2020 + Math.floor(rand() * 3) });
  if (rand() < 0.3) certifications.push({ kind: 'cloud', level: pick(rand, ['3', '4', '5']), title: '江苏省星级上云企业', year: 2021 + Math.floor(rand() * 2) });
  if (rand() < 0.1) certifications.push({ kind: 'recognition', level: pick(rand, ['national', 'provincial', 'municipal']), title: pick(rand, ['智能制造示范车间', '智能制造示范工厂', '工业互联网标杆工厂']), year: 2022 });
  return {
    uscc,
    name,
    regionId: region.id,
    industryCode,
    aboveScale: rand() < 0.6,
    chains: [CHAIN_OF[trade] ?? INDUSTRIAL_CHAINS[0]],
    legalForm: rand() < 0.92 ? 'independent' : 'branch',
    contactName: `${pick(rand, SURNAMES)}${pick(rand, ['经理', '主任', '工'])}`,
    contactPhone: `${phonePrefix(region)}${String(Math.floor(rand() * 10_000_000)).padStart(7, '0')}`,
    contactEmail: null,
    address: `${region.name}工业园区${1 + Math.floor(rand() * 200)}号`,
    certifications,
  };
}
