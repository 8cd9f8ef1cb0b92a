// Policy data is checked when loaded: each broken file below must be refused with an error
// that names the file and the place in it.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { buildPolicy, type PolicySources } from './build-policy.ts';
import { checkPolicy } from './check-policy.ts';
import { policyLibrary } from '../../io/policy-library.ts';

const facts = policyLibrary().facts;

type Json = Record<string, unknown>;

function sources(edit: { policy?: (p: Json) => void; parameters?: (p: Json) => void; measures?: (m: Json[]) => void; source?: string } = {}): PolicySources {
  const policy: Json = {
    id: 'test-policy',
    city: '测试市',
    short_title: '测试政策',
    document: { title: '测试文件', number: '测〔2022〕1号', issuer: '测试市人民政府', issue_date: '2022-01-01' },
    validity: { from: '2022-01-01', to: '2024-12-31', clause: '末段', quote: '自2022年1月1日起施行。' },
    applicants: { types: ['enterprise'], clause: '一', quote: '支持企业。' },
  };
  const parameters: Json = {
    parameters: {
      'retrofit.min': { label: '门槛', type: 'money', reference: { clause: '(一)', words: '达到2000万元以上' }, values: { '2022-01-01': '2000万元' } },
      'retrofit.rate': { label: '比例', type: 'rate', reference: { clause: '(一)', words: '不高于13%' }, values: { '2022-01-01': '13%' } },
      'retrofit.cap': { label: '上限', type: 'money', reference: { clause: '(一)', words: '最高600万元' }, values: { '2022-01-01': '600万元' } },
      'aa.award': { label: '2A', type: 'money', reference: { clause: '(二)', words: '最高15万元' }, values: { '2022-01-01': '15万元' } },
    },
  };
  const measures: Json[] = [
    {
      id: 'retrofit',
      title: '改造补助',
      clause: '(一)',
      quote: '投资额达到2000万元以上的项目,按照不高于13%给予补助,最高600万元。',
      payer: 'city',
      frequency: 'one_time',
      for_each: 'projects',
      conditions: [{ fact: 'projects.annual_investment', word: '以上', param: 'retrofit.min' }],
      amount: { base: 'projects.annual_investment', rate_max: 'retrofit.rate', caps: [{ param: 'retrofit.cap', scope: 'per_item' }] },
    },
    { id: 'aa', title: '2A', clause: '(二)', quote: '2A级最高15万元。', payer: 'city', frequency: 'one_time', exclusive_group: 'iim', conditions: [{ fact: 'iim_certificate', equals: 'AA' }], amount: { up_to: 'aa.award' } },
    { id: 'aaa', title: '3A', clause: '(二)', quote: '2A级最高15万元。', payer: 'city', frequency: 'one_time', exclusive_group: 'iim', conditions: [{ fact: 'iim_certificate', equals: 'AAA' }], amount: { up_to: 'aa.award' } },
  ];
  edit.policy?.(policy);
  edit.parameters?.(parameters);
  edit.measures?.(measures);
  return {
    dir: 'policies/test-policy',
    policy: { file: 'policies/test-policy/policy.yaml', data: policy },
    parameters: { file: 'policies/test-policy/parameters.yaml', data: parameters },
    measures: { file: 'policies/test-policy/measures.yaml', data: { measures } },
    sourceText: edit.source ?? '一 支持企业。(一)投资额达到2000万元以上的项目,按照不高于13%给予补助,最高600万元。(二)2A级最高15万元。末段 自2022年1月1日起施行。',
  };
}

function load(src: PolicySources) {
  const policy = buildPolicy(src, facts);
  checkPolicy(policy);
  return policy;
}

function refusal(src: PolicySources): DomainError {
  try {
    load(src);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected the policy to be refused');
}

const param = (p: Json, name: string) => (p.parameters as Record<string, Json>)[name]!;

describe('policy checks on load', () => {
  it('accepts the well-formed fixture', () => {
    const p = load(sources());
    expect(p.money.map((m) => m.id)).toEqual(['retrofit', 'aa', 'aaa']);
  });

  it('refuses a measure without a clause reference, naming file and measure', () => {
    const e = refusal(sources({ measures: (m) => delete m[0]!.clause }));
    expect(e.field).toBe('policies/test-policy/measures.yaml#measures[0](retrofit).clause');
    expect(e.message).toContain('条款引用');
  });

  it('refuses an unknown fact name', () => {
    const e = refusal(sources({ measures: (m) => ((m[0]!.conditions as Json[])[0]!.fact = 'projects.investment') }));
    expect(e.field).toBe('policies/test-policy/measures.yaml#measures[0](retrofit).conditions[0].fact');
    expect(e.message).toContain('未知事实 projects.investment');
  });

  it('refuses a threshold without its boundary word', () => {
    const e = refusal(sources({ measures: (m) => ((m[0]!.conditions as Json[])[0]!.word = '>=') }));
    expect(e.message).toContain('未知界限词');
  });

  it('refuses overlapping (redundant) conditions on one fact', () => {
    const e = refusal(sources({ measures: (m) => (m[0]!.conditions as Json[]).push({ fact: 'projects.annual_investment', word: '超过', value: '1000万元' }) }));
    expect(e.field).toBe('policies/test-policy/measures.yaml#measures[0](retrofit).conditions[1]');
    expect(e.message).toContain('重叠');
  });

  it('refuses contradictory conditions as unreachable', () => {
    const e = refusal(sources({ measures: (m) => (m[0]!.conditions as Json[]).push({ fact: 'projects.annual_investment', word: '不满', value: '1000万元' }) }));
    expect(e.message).toContain('不可达');
  });

  it('refuses a condition that no value can meet, and one that every value meets', () => {
    const star = (cond: Json) => sources({ measures: (m) => (m[1]!.conditions = [{ fact: 'iim_certificate', equals: 'AA' }, cond]) });
    expect(refusal(star({ fact: 'cloud_star_level', word: '超过', value: 5 })).message).toContain('不可达');
    expect(refusal(star({ fact: 'cloud_star_level', word: '以上', value: 0 })).message).toContain('任何取值都成立');
    expect(refusal(star({ fact: 'platform_level', in: ['none', 'operating', 'provincial', 'national'] })).message).toContain('任何取值都成立');
  });

  it('refuses alternatives (exclusive group) whose conditions overlap', () => {
    const e = refusal(sources({ measures: (m) => ((m[2]!.conditions as Json[])[0] = { fact: 'iim_certificate', in: ['AA', 'AAA'] }) }));
    expect(e.field).toBe('policies/test-policy/measures.yaml#measures[2](aaa)');
    expect(e.message).toContain('条件重叠');
  });

  it('refuses a quote that is not verbatim in the source text', () => {
    const e = refusal(sources({ measures: (m) => (m[1]!.quote = '2A级最高16万元。') }));
    expect(e.field).toBe('policies/test-policy/measures.yaml#measures[1](aa).quote');
    expect(e.message).toContain('source.txt');
  });

  it('refuses an unknown parameter and a parameter of the wrong type', () => {
    expect(refusal(sources({ measures: (m) => ((m[1]!.amount as Json).up_to = 'aa.prize') })).message).toContain('未知参数 aa.prize');
    expect(refusal(sources({ measures: (m) => ((m[1]!.amount as Json).up_to = 'retrofit.rate') })).message).toContain('类型为 rate');
  });

  it('refuses a parameter value dated after the policy takes effect, or on an impossible date', () => {
    expect(refusal(sources({ parameters: (p) => (param(p, 'aa.award').values = { '2022-06-01': '15万元' }) })).message).toContain('晚于施行日期');
    const e = refusal(sources({ parameters: (p) => (param(p, 'aa.award').values = { '2022-01-01': '15万元', '2023-02-30': '20万元' }) }));
    expect(e.field).toBe('policies/test-policy/parameters.yaml#parameters.aa.award.values.2023-02-30');
  });

  it('checks every dated parameter period, not just the first', () => {
    // From 2023 the threshold drops to 0, which makes "以上 0" true for every investment.
    const e = refusal(sources({ parameters: (p) => (param(p, 'retrofit.min').values = { '2022-01-01': '2000万元', '2023-01-01': '0元' }) }));
    expect(e.message).toContain('自 2023-01-01 起的参数');
  });

  it('refuses money written without its unit and an applicant type the policy does not support', () => {
    expect(refusal(sources({ parameters: (p) => (param(p, 'aa.award').values = { '2022-01-01': 150000 }) })).message).toContain('单位');
    expect(refusal(sources({ measures: (m) => (m[1]!.applicants = ['park']) })).message).toContain('不在本政策支持范围');
  });
});
