import { describe, expect, it } from 'vitest';
import { scoreBonus } from './bonus.ts';
import { scoreDeductions } from './deductions.ts';
import type { BonusEvent, BonusKind, BonusSubject, DeductionEvent, Level } from './records.ts';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.ts';

const ev = (kind: BonusKind, level: Level, subject: BonusSubject = 'other', title = `${level} ${kind}`): BonusEvent => ({
  kind,
  level,
  subject,
  title,
  evidence: ['批复文件'],
});

describe('附件2 二(三) 加分项', () => {
  it('附件2 二(三): 国家级、省级资金类项目每个分别加1分、0.5分', () => {
    expect(scoreBonus([ev('fund-project', 'national')], DEFAULT_SETTINGS).total).toBe(100);
    expect(scoreBonus([ev('fund-project', 'provincial')], DEFAULT_SETTINGS).total).toBe(50);
  });

  it('附件2 二(三): 国家级、省级认定类项目每个分别加0.3分、0.2分', () => {
    expect(scoreBonus([ev('recognition', 'national')], DEFAULT_SETTINGS).total).toBe(30);
    expect(scoreBonus([ev('recognition', 'provincial')], DEFAULT_SETTINGS).total).toBe(20);
  });

  it('附件2 二(三): 省级以上表彰每次加0.2分 — 省级 included (以上), 市级 not', () => {
    expect(scoreBonus([ev('commendation', 'provincial')], DEFAULT_SETTINGS).total).toBe(20);
    expect(scoreBonus([ev('commendation', 'national')], DEFAULT_SETTINGS).total).toBe(20);
    expect(scoreBonus([ev('commendation', 'city')], DEFAULT_SETTINGS).total).toBe(0);
  });

  it('附件2 二(三): 市级 and 县级 projects earn no bonus (only 国家级、省级 are named)', () => {
    expect(scoreBonus([ev('fund-project', 'city'), ev('recognition', 'county')], DEFAULT_SETTINGS).total).toBe(0);
  });

  it('附件2 二(三) 最高可加10分: exactly 10 is kept whole', () => {
    const tenNational = Array.from({ length: 10 }, () => ev('fund-project', 'national'));
    const r = scoreBonus(tenNational, DEFAULT_SETTINGS);
    expect(r.uncapped).toBe(1000);
    expect(r.total).toBe(1000);
    expect(r.capAdjustment).toBe(0);
  });

  it('附件2 二(三) 最高可加10分: 11.5 points of items count as 10, the cut shown as its own amount', () => {
    // 8 national funds (8) + 7 provincial funds (3.5) = 11.5
    const events = [...Array.from({ length: 8 }, () => ev('fund-project', 'national')), ...Array.from({ length: 7 }, () => ev('fund-project', 'provincial'))];
    const r = scoreBonus(events, DEFAULT_SETTINGS);
    expect(r.uncapped).toBe(1150);
    expect(r.capAdjustment).toBe(-150);
    expect(r.total).toBe(1000);
  });

  it('指标说明2: 获批星级上云企业不算作省级项目加分项', () => {
    const r = scoreBonus([ev('recognition', 'provincial', 'star-cloud', '省五星级上云企业')], DEFAULT_SETTINGS);
    expect(r.total).toBe(0);
    expect(r.lines[0]!.explanation).toContain('指标说明2');
  });

  it('指标说明4: 通过两化融合贯标不算作国家级项目加分项', () => {
    const r = scoreBonus([ev('recognition', 'national', 'integration-standard', '两化融合管理体系3A评定')], DEFAULT_SETTINGS);
    expect(r.total).toBe(0);
    expect(r.lines[0]!.explanation).toContain('指标说明4');
  });

  it('指标说明4 read at the named level: a provincial 两化融合贯标 item still earns 0.2; the all-levels setting removes it', () => {
    const events = [ev('recognition', 'provincial', 'integration-standard')];
    expect(scoreBonus(events, DEFAULT_SETTINGS).total).toBe(20);
    expect(scoreBonus(events, resolveSettings({ exclusionScope: 'all-levels' })).total).toBe(0);
  });

  it('the exclusions touch only their subject: another provincial recognition next to 星级上云 counts', () => {
    const r = scoreBonus([ev('recognition', 'provincial', 'star-cloud'), ev('recognition', 'provincial')], DEFAULT_SETTINGS);
    expect(r.total).toBe(20);
  });
});

describe('附件2 二(三) 减分项', () => {
  const d = (title: string): DeductionEvent => ({ issuer: 'city', title, evidence: ['督办通知'] });

  it('附件2 二(三): 未及时完成省、市相关工作的,每次扣0.2分 — three times is −0.6', () => {
    const r = scoreDeductions([d('a'), d('b'), d('c')], DEFAULT_SETTINGS);
    expect(r.total).toBe(-60);
    expect(r.lines.map((l) => l.points)).toEqual([-20, -20, -20]);
  });

  it('附件2 二(三): no cap on deductions is stated, so 60 events cost 12 points', () => {
    expect(scoreDeductions(Array.from({ length: 60 }, (_, i) => d(String(i))), DEFAULT_SETTINGS).total).toBe(-1200);
  });
});
