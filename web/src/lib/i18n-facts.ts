// English names for the applicant facts of policies/facts.yaml (the dictionary itself is Chinese:
// it is the policies' own wording). The calculator's form shows these in English mode; a fact the
// table does not know keeps its Chinese label, which is the policy's term.
import type { FactDef } from '../api/types.ts';

export const FACT_LABELS_EN: Record<string, string> = {
  applicant_type: 'Applicant type',
  independent_legal_person: 'Independent legal person',
  recognitions: 'Recognitions newly obtained this year',
  platform_level: 'Industrial internet platform',
  platform_annual_investment: 'Annual platform investment',
  platform_served_enterprises: 'Enterprises served by the platform',
  platform_connected_devices: 'Devices connected to the platform',
  diagnosis_chain: 'Received diagnosis as a key industrial chain',
  diagnosis_factory: 'Received a factory diagnosis',
  diagnosis_workshop: 'Received a workshop diagnosis',
  diagnosis_supervised: 'Diagnosis supervised by a third party',
  iim_certificate: 'IT–industrialisation integration management certificate obtained this year',
  cloud_star_level: 'Provincial cloud-adoption star level rated this year',
  park_digital_investment: 'Total park digitalisation investment',
  secondary_node_docked: 'Identifier-resolution secondary node docked with the national top node this year',
  secondary_node_operator: 'Operator of an identifier-resolution secondary node',
  identifier_new_registrations: 'New identifier registrations this year',
  identifier_daily_resolutions: 'Average daily resolutions',
  security_service_provider: 'Third-party industrial internet security service provider',
  security_served_enterprises: 'Suzhou enterprises served',
  security_annual_revenue: 'Annual revenue',
  security_contract_amount: 'Security service contract amount',
  flexible_talents: 'Experts and talents flexibly recruited (projects)',
  projects: 'Smart-manufacturing projects',
  'projects.annual_investment': 'Annual investment in smart-manufacturing equipment, software and services',
  'projects.loan_via_platform': 'Project loan via the Suzhou comprehensive financial service platform',
  'projects.loan_amount': 'Project loan amount',
  products: 'First-set equipment and key components',
  'products.first_set_level': 'First-set recognition level',
  'products.annual_sales': 'Annual product sales',
  'products.unit_price': 'Unit price per set',
  software: 'First-version industrial software',
  'software.first_version_level': 'First-version recognition level',
  'software.total_sales': 'Total sales',
  identifier_projects: 'Identifier-resolution R&D projects',
  'identifier_projects.breakthrough': 'Breakthrough in common standards or key technologies of identifier resolution',
  'identifier_projects.rnd_investment': 'R&D investment',
};

export const FACT_ITEM_EN: Record<string, string> = {
  projects: 'project', products: 'product', software: 'software', identifier_projects: 'project',
};

export const FACT_VALUES_EN: Record<string, string> = {
  'applicant_type.enterprise': 'Enterprise',
  'applicant_type.social_organisation': 'Social organisation',
  'applicant_type.public_institution': 'Public institution',
  'applicant_type.park': 'Industrial park',
  'recognitions.national_pilot_smart_manufacturing': 'National smart-manufacturing pilot',
  'recognitions.national_pilot_industrial_internet': 'National industrial internet pilot',
  'recognitions.national_pilot_it_integration': 'National new-generation IT and manufacturing integration pilot',
  'recognitions.provincial_industrial_internet_platform': 'Provincial industrial internet platform',
  'recognitions.provincial_internet_benchmark_factory': 'Provincial industrial internet benchmark factory',
  'recognitions.provincial_smart_factory': 'Provincial smart factory',
  'recognitions.provincial_industrial_ecommerce_demo': 'Provincial industrial e-commerce demonstration enterprise',
  'recognitions.provincial_smart_manufacturing_provider': 'Provincial smart-manufacturing service provider',
  'recognitions.national_smart_manufacturing_provider': 'National smart-manufacturing service provider',
  'recognitions.internet_plus_manufacturing_base': '"Internet + advanced manufacturing" base',
  'recognitions.provincial_smart_demo_workshop': 'Provincial smart-manufacturing demonstration workshop',
  'recognitions.city_smart_demo_factory': 'Suzhou city smart-manufacturing demonstration factory',
  'recognitions.city_smart_demo_workshop': 'Suzhou city demonstration smart workshop',
  'recognitions.city_excellent_provider': 'Suzhou excellent transformation service provider (annual)',
  'recognitions.service_output_benchmark': 'Transformation service export benchmark',
  'recognitions.excellent_platform_cross_industry': 'Excellent cross-industry industrial internet platform',
  'recognitions.excellent_platform_specific_industry': 'Excellent industry-specific industrial internet platform',
  'recognitions.national_app_solution': 'National excellent industrial internet app solution (once per project)',
  'recognitions.city_app_solution': 'City excellent industrial internet app solution (once per project)',
  'recognitions.city_5g_vertical_pilot': 'City "5G + industrial internet" vertical pilot (once per project)',
  'recognitions.fiveg_typical_case': '"5G + industrial internet" typical scenario case (once per case)',
  'recognitions.new_independent_rnd_institution': 'New independent industrial internet R&D institution in Suzhou',
  'recognitions.city_talent_training_base': 'Suzhou transformation talent training base (named)',
  'recognitions.security_pilot_project': 'Industrial internet security pilot project (once per project)',
  'platform_level.none': 'No platform',
  'platform_level.operating': 'Operating platform (not recognised)',
  'platform_level.provincial': 'Provincial platform',
  'platform_level.national': 'National platform',
  'iim_certificate.none': 'None',
  'iim_certificate.AA': 'Level AA',
  'iim_certificate.AAA': 'Level AAA',
  'products.first_set_level.none': 'Not recognised',
  'products.first_set_level.provincial': 'Jiangsu provincial (provincial catalogue)',
  'products.first_set_level.national': 'National (national catalogue)',
  'software.first_version_level.none': 'Not recognised',
  'software.first_version_level.provincial': 'Jiangsu provincial',
  'software.first_version_level.national': 'National',
};

export const UNIT_EN: Record<string, string> = { 家: 'enterprises', 台: 'devices', 个: '', 次: 'resolutions', 星: 'stars' };

/** The dictionary with English labels (English mode); descriptions are the policies' Chinese notes, so they go. */
export function localizeFacts(defs: FactDef[], lang: 'zh' | 'en', parent?: string): FactDef[] {
  if (lang === 'zh') return defs;
  return defs.map((def) => {
    const key = parent ? `${parent}.${def.name}` : def.name;
    const out: FactDef = { ...def, label: FACT_LABELS_EN[key] ?? def.label };
    delete out.description;
    if (def.values) out.values = Object.fromEntries(Object.entries(def.values).map(([code, label]) => [code, FACT_VALUES_EN[`${key}.${code}`] ?? label]));
    if (def.itemLabel !== undefined || def.type === 'collection') out.itemLabel = FACT_ITEM_EN[key] ?? 'item';
    if (def.unit !== undefined && def.type !== 'money') {
      const unit = UNIT_EN[def.unit];
      if (unit === undefined) out.unit = def.unit;
      else if (unit) out.unit = unit;
      else delete out.unit;
    }
    if (def.fields) out.fields = localizeFacts(def.fields, lang, key);
    return out;
  });
}

/**
 * A fact's label in the reader's language, for a path as the application forms name it
 * (`projects[0].annual_investment`, `annual_investment`): the English name when the table has it.
 */
export function factLabel(path: string, label: string, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return label;
  const segments = path.split(/[.[\]]+/).filter((s) => s && !/^\d+$/.test(s));
  for (let i = 0; i < segments.length; i++) {
    const en = FACT_LABELS_EN[segments.slice(i).join('.')];
    if (en) return en;
  }
  const last = segments.at(-1);
  const nested = last ? Object.entries(FACT_LABELS_EN).find(([k]) => k.endsWith(`.${last}`))?.[1] : undefined;
  return nested ?? label;
}

/** An enum or code value of a fact (`applicant_type` = `enterprise`) in the reader's language. */
export function factValueLabel(path: string, code: string, label: string, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return label;
  const key = path.split(/[.[\]]+/).filter((s) => s && !/^\d+$/.test(s)).join('.');
  return FACT_VALUES_EN[`${key}.${code}`] ?? label;
}
