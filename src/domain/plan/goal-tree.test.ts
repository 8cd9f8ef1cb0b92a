// The goal tree is loaded from the text: each quote must be in source.txt, each action's departments
// exactly those its 〔责任单位〕 names. A file that strays is refused with its path.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DomainError } from '../errors.ts';
import { buildPlan, type PlanFile } from './goal-tree.ts';

const dir = new URL('../../../policies/yangzhou-2022-20/', import.meta.url);
const source = readFileSync(new URL('source.txt', dir), 'utf8');
const raw = () => parse(readFileSync(new URL('plan.yaml', dir), 'utf8')) as PlanFile;
const plan = buildPlan(raw(), source, 'plan.yaml');
const refusal = (mutate: (f: PlanFile) => void) => {
  const f = raw();
  mutate(f);
  try { buildPlan(f, source, 'plan.yaml'); } catch (e) { return e instanceof DomainError ? e.message : String(e); }
  return null;
};

describe('扬府发〔2022〕20号 goal tree', () => {
  it('has the ten actions of 二 in order, the 主要目标 of 一(二) and the 保障措施 三(二) and 三(六)', () => {
    expect(plan.actions.map((a) => a.clause)).toEqual(['一(二)', '二(一)', '二(二)', '二(三)', '二(四)', '二(五)', '二(六)', '二(七)', '二(八)', '二(九)', '二(十)', '三(二)', '三(六)']);
    expect(plan.actions.find((a) => a.clause === '二(五)')!.title).toBe('数字诊断服务行动');
  });
  it('二(九) 〔责任单位:市委网信办、市发改委、工信局、通管办…〕: four departments, 网信办 reporting', () => {
    const a = plan.actions.find((x) => x.clause === '二(九)')!;
    expect(a.departments).toEqual(['yz-wxb', 'yz-fgw', 'yz-gxj', 'yz-tgb']);
    expect(plan.indicators.get('base-stations')).toMatchObject({ reporter: 'yz-wxb', coResponsible: ['yz-fgw', 'yz-gxj', 'yz-tgb'], regionsResponsible: true });
  });
  it('二(九) 2024 “累计建设5G基站1.1万个,大数据中心标准机架2万个”: 11000 and 20000', () => {
    expect(plan.indicators.get('base-stations')!.goals).toEqual({ 2022: 7900, 2024: 11_000 });
    expect(plan.indicators.get('data-centre-racks')!.goals).toEqual({ 2022: 10_000, 2024: 20_000 });
  });
  it('三(二) 各县(市、区)、功能区专项资金“规模不低于3000万元”: per region, 3,000,000,000 分', () => {
    expect(plan.indicators.get('region-fund')).toMatchObject({ perRegion: true, goals: { 2022: 3_000_000_000, 2023: 3_000_000_000, 2024: 3_000_000_000 } });
  });
  it('三(六) 宣传推广活动“20次以上”: reported by 市委宣传部, the first unit its 〔责任单位〕 names', () => {
    expect(plan.indicators.get('promotion-events')).toMatchObject({ reporter: 'yz-xcb', goals: { 2022: 20, 2023: 20, 2024: 20 } });
  });
  it('twenty-seven indicators, each with a quote found in the text', () => {
    expect(plan.indicators.size).toBe(27);
    for (const i of plan.indicators.values()) expect(source).toContain(i.quote);
  });
});

describe('a goal file that strays from the text is refused', () => {
  it('a quote not in the text', () => {
    expect(refusal((f) => { f.actions[1]!.indicators[1]!.quote = '2024年,建成重点产业链公共服务平台6个'; })).toMatch(/actions\.1\.indicators\.1\.quote: 原文中找不到/);
  });
  it('a department the 〔责任单位〕 does not name', () => {
    expect(refusal((f) => { f.actions[2]!.departments.push('yz-czj'); })).toMatch(/〔责任单位〕中没有 市财政局/);
  });
  it('a department it names but the file leaves out', () => {
    expect(refusal((f) => { f.actions[9]!.departments = ['yz-wxb', 'yz-fgw', 'yz-gxj']; })).toMatch(/〔责任单位〕列有 市通管办,但未列入/);
  });
  it('a goal year outside 2022–2024, and since on a yearly indicator', () => {
    expect(refusal((f) => { f.actions[6]!.indicators[0]!.goals['2025'] = 200; })).toMatch(/目标年份须在 2022–2024/);
    expect(refusal((f) => { f.actions[6]!.indicators[0]!.since = 2022; })).toMatch(/since 只用于累计指标/);
  });
  it('regions that do not match whether the 〔责任单位〕 lists 各县(市、区)人民政府、功能区管委会', () => {
    expect(refusal((f) => { f.actions[1]!.regions = false; })).toMatch(/regions 须与/);
  });
});
