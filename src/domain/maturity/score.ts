// Scoring of the digital-maturity instruments. Points are integer thousandths ("milli-points"):
// the 2024 option values are multiples of 0.001 (1.875, 0.7, 1.25), so every sum is an integer
// addition and a total is exactly 48.375, never 48.37500000000001. 2022 totals and CMMM scores are
// read from reports with two decimals and kept as integer hundredths.
import { Decimal } from 'decimal.js';
import { invalid } from '../errors.ts';
import type { CmmmInstrument, Confidence, Question, Sme2022Instrument, Sme2024Instrument } from './instrument.ts';

export type SceneLevel = 0 | 1 | 2 | 3 | 4;

/** Normalised answers to the 2024 questionnaire: option keys in the instrument's order. */
export interface Sme2024Answers {
  answers: Record<string, string[]>;
  fields: Record<string, Record<string, number>>;
  scenes: Record<string, SceneLevel>;
}

export interface ValidateOptions {
  /** true: every question answered and every scene rated (a submitted assessment); false: a draft. */
  complete: boolean;
}

export interface QuestionScore {
  id: string;
  name: string;
  maxMilli: number;
  scoreMilli: number;
  selected: string[];
}

export interface IndicatorScore {
  id: string;
  name: string;
  maxMilli: number;
  scoreMilli: number;
  questions: QuestionScore[];
}

export interface DimensionScore {
  id: string;
  name: string;
  maxMilli: number;
  scoreMilli: number;
  indicators: IndicatorScore[];
}

/** Scenes rated at `level` or above, and how many of them are 约束性. */
export interface SceneCount {
  level: number;
  scenes: number;
  constraintScenes: number;
}

export interface NextLevel {
  level: number;
  label: string;
  /** Which conditions are not met, in Chinese. */
  missing: string;
  /** What is lacking per condition (0 where the condition holds). */
  shortfall: { scoreMilli: number; scenes: number; constraintScenes: number };
}

export interface LowConfidenceItem {
  /** `answers.<questionId>`, `answers.<questionId>.<optionKey>`, `scenes.<sceneId>`, `levelRule` … */
  ref: string;
  name: string;
  confidence: Exclude<Confidence, 'confirmed'>;
  caveat?: string;
}

export interface AssessmentScore {
  totalMilli: number;
  maxMilli: number;
  /** Every question answered and every scene rated; a draft's level is provisional. */
  complete: boolean;
  dimensions: DimensionScore[];
  scenes: { rated: SceneCount[]; unrated: number };
  level: number;
  levelLabel: string;
  nextLevel: NextLevel | null;
  lowConfidence: LowConfidenceItem[];
}

export interface CmmmResult {
  level: 0 | 1 | 2 | 3 | 4 | 5;
  /** Hundredths of a point (2.35 → 235), 0..500, keyed by 能力域 id in the instrument's order. */
  domainScores: Record<string, number>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown) => (typeof v === 'string' ? `“${v}”` : JSON.stringify(v) ?? String(v));

/** 52500 → "52.5", 1875 → "1.875", 100000 → "100". */
export function formatPoints(milli: number): string {
  if (!Number.isSafeInteger(milli)) throw invalid('points', `分值须为整数千分之一分,收到 ${String(milli)}`);
  const abs = Math.abs(milli);
  const frac = String(abs % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${milli < 0 ? '-' : ''}${Math.trunc(abs / 1000)}${frac ? `.${frac}` : ''}`;
}

const optionList = (q: Question) => q.options.map((o) => o.key).join('、');

/** Checks and normalises answers to the 2024 questionnaire; throws INVALID naming the first bad item. */
export function validateAnswers(instrument: Sme2024Instrument, input: unknown, options: ValidateOptions): Sme2024Answers {
  if (!isObject(input)) throw invalid('input', '答卷须为对象 {answers, fields, scenes}');
  for (const key of Object.keys(input)) {
    if (key !== 'answers' && key !== 'fields' && key !== 'scenes') throw invalid(key, `答卷含未知字段 “${key}”,只允许 answers、fields、scenes`);
  }
  const byId = new Map(instrument.questions.map((q) => [q.id, q]));
  const questionIds = instrument.questions.map((q) => q.id).join('、');
  const unknownQuestion = (field: string, id: string) => invalid(field, `未知题目 “${id}”,题目 id 须为 ${questionIds} 之一`);

  const answers: Record<string, string[]> = {};
  const rawAnswers = input.answers ?? {};
  if (!isObject(rawAnswers)) throw invalid('answers', 'answers 须为对象 {题目 id: 选项字母或选项字母列表}');
  for (const [id, value] of Object.entries(rawAnswers)) {
    const field = `answers.${id}`;
    const q = byId.get(id);
    if (!q) throw unknownQuestion(field, id);
    if (value === null || value === undefined) continue;
    const keys = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) {
      throw invalid(field, `“${q.text}”的答案须为选项字母或选项字母列表,如 "B" 或 ["B","C"],收到 ${shown(value)}`);
    }
    if (keys.length === 0) continue;
    const seen = new Set<string>();
    for (const k of keys as string[]) {
      if (!q.options.some((o) => o.key === k)) throw invalid(field, `“${q.text}”的选项须为 ${optionList(q)} 之一,收到 ${shown(k)}`);
      if (seen.has(k)) throw invalid(field, `“${q.text}”的选项 ${k} 重复`);
      seen.add(k);
    }
    if (q.type === 'single' && seen.size > 1) {
      throw invalid(field, `“${q.text}”为单选题,只能选一个选项,收到 ${[...seen].join('、')}`);
    }
    const none = q.options.find((o) => o.exclusive && seen.has(o.key));
    if (none && seen.size > 1) {
      throw invalid(field, `“${q.text}”中“${none.label}”(${none.key})与其他选项互斥,不能同时选择,收到 ${[...seen].join('、')}`);
    }
    answers[id] = q.options.filter((o) => seen.has(o.key)).map((o) => o.key);
  }

  const fields: Record<string, Record<string, number>> = {};
  const rawFields = input.fields ?? {};
  if (!isObject(rawFields)) throw invalid('fields', 'fields 须为对象 {题目 id: {字段: 数值}}');
  for (const [id, value] of Object.entries(rawFields)) {
    const q = byId.get(id);
    if (!q) throw unknownQuestion(`fields.${id}`, id);
    if (value === null || value === undefined) continue;
    if (q.fields.length === 0) throw invalid(`fields.${id}`, `“${q.name}”没有需要填写的证明数据`);
    if (!isObject(value)) throw invalid(`fields.${id}`, `“${q.name}”的证明数据须为对象 {字段: 数值}`);
    const out: Record<string, number> = {};
    for (const [key, v] of Object.entries(value)) {
      const field = `fields.${id}.${key}`;
      const def = q.fields.find((f) => f.key === key);
      if (!def) {
        throw invalid(field, `“${q.name}”没有证明字段 “${key}”,可填 ${q.fields.map((f) => `${f.key}(${f.label})`).join('、')}`);
      }
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (def.integer && !Number.isInteger(v))) {
        throw invalid(field, `“${q.name}”的“${def.label}”须为不小于 0 的${def.integer ? '整数' : '数'}${def.unit ? `(单位:${def.unit})` : ''},收到 ${shown(v)}`);
      }
      out[key] = v;
    }
    if (Object.keys(out).length > 0) fields[id] = out;
  }

  const scenes: Record<string, SceneLevel> = {};
  const rawScenes = input.scenes ?? {};
  if (!isObject(rawScenes)) throw invalid('scenes', 'scenes 须为对象 {场景 id: 0–4}');
  for (const [id, value] of Object.entries(rawScenes)) {
    const field = `scenes.${id}`;
    const scene = instrument.scenes.find((s) => s.id === id);
    if (!scene) throw invalid(field, `未知场景 “${id}”,场景 id 须为 ${instrument.scenes.map((s) => s.id).join('、')} 之一`);
    if (value === null || value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 4) {
      throw invalid(field, `场景“${scene.name}”的等级须为 0–4 的整数(0 = 未达到一级),收到 ${shown(value)}`);
    }
    scenes[id] = value as SceneLevel;
  }

  if (options.complete) {
    for (const q of instrument.questions) {
      if (!answers[q.id]) throw invalid(`answers.${q.id}`, `答卷未完成:“${q.text}”(${q.name})尚未作答`);
    }
    for (const s of instrument.scenes) {
      if (scenes[s.id] === undefined) throw invalid(`scenes.${s.id}`, `答卷未完成:场景“${s.name}”尚未评级(未达到一级请填 0)`);
    }
  }

  // Rebuilt in the instrument's order so equal answers serialise identically.
  const ordered = (rec: Record<string, unknown>, ids: string[]) => Object.fromEntries(ids.filter((i) => rec[i] !== undefined).map((i) => [i, rec[i]]));
  const qIds = instrument.questions.map((q) => q.id);
  return {
    answers: ordered(answers, qIds) as Record<string, string[]>,
    fields: ordered(fields, qIds) as Record<string, Record<string, number>>,
    scenes: ordered(scenes, instrument.scenes.map((s) => s.id)) as Record<string, SceneLevel>,
  };
}

/** Scores validated answers: points by dimension, scene counts, level and what the next level lacks. */
export function scoreAssessment(instrument: Sme2024Instrument, answers: Sme2024Answers): AssessmentScore {
  const lowConfidence: LowConfidenceItem[] = [];
  const flag = (ref: string, name: string, p: { confidence: Confidence; caveat?: string }) => {
    if (p.confidence !== 'confirmed') lowConfidence.push({ ref, name, confidence: p.confidence, ...(p.caveat !== undefined && { caveat: p.caveat }) });
  };
  let complete = true;

  const dimensions: DimensionScore[] = instrument.dimensions.map((d) => {
    let dimensionAnswered = false;
    const indicators: IndicatorScore[] = d.indicators.map((ind) => {
      let indicatorAnswered = false;
      const questions: QuestionScore[] = ind.questions.map((q) => {
        const selected = answers.answers[q.id] ?? [];
        if (selected.length === 0) {
          complete = false;
          return { id: q.id, name: q.name, maxMilli: q.maxMilli, scoreMilli: 0, selected: [] };
        }
        indicatorAnswered = true;
        flag(`answers.${q.id}`, `${q.name}:${q.text}`, q);
        let scoreMilli = 0;
        for (const key of selected) {
          const option = q.options.find((o) => o.key === key);
          // Answers are normally validated first; this guards callers that pass stored data directly.
          if (!option) throw invalid(`answers.${q.id}`, `“${q.text}”的选项须为 ${optionList(q)} 之一,收到 ${shown(key)}`);
          if (option.confidence !== q.confidence || option.caveat !== q.caveat) flag(`answers.${q.id}.${key}`, `${q.name} 选项${key}:${option.label}`, option);
          scoreMilli += option.milli;
        }
        if (q.type === 'single' && selected.length > 1) throw invalid(`answers.${q.id}`, `“${q.text}”为单选题,只能选一个选项`);
        return { id: q.id, name: q.name, maxMilli: q.maxMilli, scoreMilli, selected: [...selected] };
      });
      if (indicatorAnswered) {
        dimensionAnswered = true;
        flag(`indicators.${ind.id}`, ind.name, ind);
      }
      return { id: ind.id, name: ind.name, maxMilli: ind.maxMilli, scoreMilli: sum(questions), questions };
    });
    if (dimensionAnswered) flag(`dimensions.${d.id}`, d.name, d);
    return { id: d.id, name: d.name, maxMilli: d.maxMilli, scoreMilli: sum(indicators), indicators };
  });
  const totalMilli = sum(dimensions);

  let unrated = 0;
  const ratings = instrument.scenes.map((s) => {
    const r = answers.scenes[s.id];
    if (r === undefined) {
      unrated++;
      complete = false;
      return { scene: s, level: 0 };
    }
    if (!Number.isInteger(r) || r < 0 || r > 4) throw invalid(`scenes.${s.id}`, `场景“${s.name}”的等级须为 0–4 的整数,收到 ${shown(r)}`);
    flag(`scenes.${s.id}`, `场景“${s.name}”`, s);
    return { scene: s, level: r };
  });
  if (ratings.some((r) => answers.scenes[r.scene.id] !== undefined)) flag('scenes', '数字化经营场景', instrument.sceneSet);
  const rated: SceneCount[] = [1, 2, 3, 4].map((level) => {
    const at = ratings.filter((r) => r.level >= level);
    return { level, scenes: at.length, constraintScenes: at.filter((r) => r.scene.constraint).length };
  });

  const rule = instrument.levelRule;
  flag('levelRule', '等级判定规则', rule);
  const countAt = (level: number) => rated[level - 1]!;
  const shortfall = (row: (typeof rule.rows)[number]) => ({
    scoreMilli: Math.max(0, row.minScoreMilli - totalMilli),
    scenes: Math.max(0, row.minScenes - countAt(row.level).scenes),
    constraintScenes: Math.max(0, row.minConstraintScenes - countAt(row.level).constraintScenes),
  });
  const holds = (row: (typeof rule.rows)[number]) => {
    const s = shortfall(row);
    return s.scoreMilli === 0 && s.scenes === 0 && s.constraintScenes === 0;
  };
  let level = 0;
  for (const row of rule.rows) if (holds(row)) level = Math.max(level, row.level);

  const label = (l: number) => rule.labels[l] ?? `${l}级`;
  const nextRow = rule.rows.find((r) => r.level === level + 1);
  let nextLevel: NextLevel | null = null;
  if (nextRow) {
    const s = shortfall(nextRow);
    const c = countAt(nextRow.level);
    const lacking = [
      s.scoreMilli > 0 ? `分数差 ${formatPoints(s.scoreMilli)} 分` : '',
      s.scenes > 0 ? `场景差 ${s.scenes} 个` : '',
      s.constraintScenes > 0 ? `约束性场景差 ${s.constraintScenes} 个` : '',
    ].filter(Boolean);
    const l = label(nextRow.level);
    const missing =
      `${l}须${rule.scoreBasis}≥${formatPoints(nextRow.minScoreMilli)}分且≥${nextRow.minScenes}个场景达到${l}(其中约束性≥${nextRow.minConstraintScenes}个):` +
      `现有 ${formatPoints(totalMilli)} 分,${c.scenes} 个场景(约束性 ${c.constraintScenes} 个);未满足:${lacking.join('、')}` +
      (unrated > 0 ? `(另有 ${unrated} 个场景未评级)` : '');
    nextLevel = { level: nextRow.level, label: l, missing, shortfall: s };
  }

  return {
    totalMilli,
    maxMilli: instrument.totalMilli,
    complete,
    dimensions,
    scenes: { rated, unrated },
    level,
    levelLabel: label(level),
    nextLevel,
    lowConfidence,
  };
}

const sum = (items: { scoreMilli: number }[]) => items.reduce((s, i) => s + i.scoreMilli, 0);

/** The 2022 level of a total score given in hundredths (65.5 → 6550), per the file's boundary reading. */
export function level2022(instrument: Sme2022Instrument, totalScoreHundredths: number): number {
  if (!Number.isSafeInteger(totalScoreHundredths) || totalScoreHundredths < 0 || totalScoreHundredths > 10000) {
    throw invalid('totalScore', `2022年版总分须为 0–100 之间、最多两位小数的分数(以百分之一分计为 0–10000 的整数),收到 ${shown(totalScoreHundredths)}`);
  }
  // boundary.value is 'lower-inclusive' (the only reading the schema accepts): each band is [min, max).
  let level = 0;
  for (const band of instrument.bands.levels) if (totalScoreHundredths >= band.minHundredths) level = band.level;
  return level;
}

/** Checks a CMMM result as read from an assessment report: the level and each 能力域 score (0–5, two decimals). */
export function validateCmmmResult(instrument: CmmmInstrument, input: unknown): CmmmResult {
  if (!isObject(input)) throw invalid('input', 'CMMM 结果须为对象 {level, domainScores}');
  for (const key of Object.keys(input)) {
    if (key !== 'level' && key !== 'domainScores') throw invalid(key, `CMMM 结果含未知字段 “${key}”,只允许 level、domainScores`);
  }
  const maxLevel = instrument.levels.items.length;
  const names = instrument.levels.items.map((l) => `${l.level} ${l.name}`).join('、');
  const level = input.level;
  if (typeof level !== 'number' || !Number.isInteger(level) || level < 0 || level > maxLevel) {
    throw invalid('level', `CMMM 等级须为 0–${maxLevel} 的整数(0 = ${instrument.levels.belowLabel},${names}),收到 ${shown(level)}`);
  }
  const raw = input.domainScores;
  if (!isObject(raw)) throw invalid('domainScores', 'domainScores 须为对象 {能力域 id: 得分}');
  const domainScores: Record<string, number> = {};
  for (const [id, value] of Object.entries(raw)) {
    const field = `domainScores.${id}`;
    const domain = instrument.domains.find((d) => d.id === id);
    if (!domain) throw invalid(field, `未知能力域 “${id}”,能力域 id 须为 ${instrument.domains.map((d) => `${d.id}(${d.name})`).join('、')} 之一`);
    const bad = () => invalid(field, `能力域“${domain.name}”的得分须为 0–5 之间、最多两位小数的数,收到 ${shown(value)}`);
    if (typeof value !== 'number' && typeof value !== 'string') throw bad();
    let d: Decimal;
    try {
      d = new Decimal(value).times(100);
    } catch {
      throw bad();
    }
    if (!d.isFinite() || !d.isInteger() || d.lt(0) || d.gt(500)) throw bad();
    domainScores[id] = d.toNumber();
  }
  // Industry tailoring may leave a 能力域 out (the cut rules were not found), so only emptiness is refused.
  if (Object.keys(domainScores).length === 0) throw invalid('domainScores', 'domainScores 至少须有一个能力域得分');
  const ordered: Record<string, number> = {};
  for (const d of instrument.domains) if (domainScores[d.id] !== undefined) ordered[d.id] = domainScores[d.id]!;
  return { level: level as CmmmResult['level'], domainScores: ordered };
}
