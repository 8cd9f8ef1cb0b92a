// Labels added so that English mode shows English throughout (issue 9 item 6): the calculator's
// English lead-ins to the policy's own wording, and small labels pages had written in Chinese.
export const zhLang = {
  'pol.itemFallback': '项',
  'pol.itemTitle': '{label}:{item} {n}',
  'lang.pol.validity.in_force': '政策有效(有效期 {from} 至 {to})。',
  'lang.pol.validity.expired': '政策已失效(有效期 {from} 至 {to})。',
  'lang.pol.validity.not_yet_in_force': '政策尚未施行(有效期 {from} 至 {to})。',
  'lang.pol.eligibleReason': '符合条件',
  'lang.pol.notInForceReason': '计算日不在政策有效期内',
  'lang.pol.unmet': '未满足:{facts}',
  'lang.pol.warning': '提示',
  'lang.pol.quoteLead': '政策原文:',
  'lang.pol.stepsLead': '(按政策原文表述)',
  'lang.fund.belowFloor': '预算 {budget} 低于{clause}规定的 {floor}',
  'lang.mat.quoted': '评测题目和选项引自工业和信息化部《中小企业数字化水平评测指标(2024年版)》原文。',
};

export const enLang: Record<keyof typeof zhLang, string> = {
  'pol.itemFallback': 'item',
  'pol.itemTitle': '{label}: {item} {n}',
  'lang.pol.validity.in_force': 'The policy is in force from {from} to {to}.',
  'lang.pol.validity.expired': 'The policy has expired: it was in force from {from} to {to}.',
  'lang.pol.validity.not_yet_in_force': 'The policy is not yet in force: it applies from {from} to {to}.',
  'lang.pol.eligibleReason': 'Eligible: every condition is met (expand the row for the clause and steps)',
  'lang.pol.notInForceReason': 'The date is outside the policy\'s period in force',
  'lang.pol.unmet': 'Not met: {facts}',
  'lang.pol.warning': 'Note from the policy text (Chinese original):',
  'lang.pol.quoteLead': 'Policy wording (Chinese original):',
  'lang.pol.stepsLead': '— in the policy\'s own Chinese wording',
  'lang.fund.belowFloor': 'Budget {budget} is below the {floor} that {clause} requires',
  'lang.mat.quoted': 'The questions and answers are quoted in the original Chinese of the MIIT instrument (SME digitalisation evaluation indicators, 2024 edition); section and indicator names are translated.',
};

/** The 2024 SME instrument's indicators (instruments/miit-sme-2024.yaml ids) in English. */
export const INDICATOR_EN: Record<string, string> = {
  'equipment-systems': 'Equipment and systems',
  'data-collection': 'Data collection',
  'information-systems': 'Information systems',
  'information-security': 'Information security',
  'planning-management': 'Planning and management',
  resources: 'Resources and talent',
  green: 'Green and low-carbon',
  quality: 'Product quality',
  'market-benefit': 'Market benefit',
};
