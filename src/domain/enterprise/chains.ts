// Industrial chains. The first three are the ones 扬府发〔2022〕20号 二(一) names as 重点产业链;
// the others are the common chains of both cities' programmes.
export const INDUSTRIAL_CHAINS = [
  '汽车及零部件',
  '高端装备',
  '新型电力装备',
  '生物医药',
  '新材料',
  '电子信息',
  '纺织服装',
  '食品',
  '化工',
  '其他',
] as const;

export const LEGAL_FORMS = { independent: '独立法人', branch: '分支机构' } as const;
export type LegalForm = keyof typeof LEGAL_FORMS;

export const CERTIFICATION_KINDS = {
  integration: { label: '两化融合管理体系贯标', levels: ['A', '2A', '3A'] },
  cloud: { label: '星级上云', levels: ['3', '4', '5'] },
  recognition: { label: '示范称号', levels: ['national', 'provincial', 'municipal'] },
} as const;
export type CertificationKind = keyof typeof CERTIFICATION_KINDS;
