// The digital-maturity instruments (instruments/*.yaml) as checked values. The files are the only
// place the models live; this module refuses a file whose numbers do not add up, so a typo in a
// point value stops the load instead of silently moving an enterprise to another level.
// Every node keeps the confidence the research note gave it (shared/research/maturity-models.md),
// so scores and reports can say which parts rest on unverified readings.
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { invalid } from '../errors.ts';

export type Confidence = 'confirmed' | 'secondary' | 'unconfirmed';
export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  confirmed: '已确认',
  secondary: '二手来源',
  unconfirmed: '未确认',
};

export interface Provenance {
  confidence: Confidence;
  /** A key of the instrument's `sources`. */
  source: string;
  caveat?: string;
}

export interface SourceRef {
  id: string;
  title: string;
  detail?: string;
  note: string;
  urls: string[];
}

export interface DocumentRef extends Provenance {
  number: string;
  title: string;
  date?: string;
}

export interface Omission {
  what: string;
  confidence: Confidence;
  reason: string;
}

// ---- 中小企业数字化水平评测指标(2024年版) ----

export type QuestionType = 'single' | 'multi';

export interface Option extends Provenance {
  key: string;
  label: string;
  /** Thousandths of a point (1.875 → 1875). */
  milli: number;
  /** The "无" option of a multi-choice question: chosen alone or not at all. */
  exclusive: boolean;
}

export interface EvidenceField {
  key: string;
  label: string;
  unit?: string;
  integer: boolean;
}

/** A 二级指标 and its question. */
export interface Question extends Provenance {
  id: string;
  name: string;
  text: string;
  note?: string;
  type: QuestionType;
  maxMilli: number;
  options: Option[];
  fields: EvidenceField[];
  dimensionId: string;
  indicatorId: string;
}

/** A 一级指标. */
export interface Indicator extends Provenance {
  id: string;
  name: string;
  maxMilli: number;
  questions: Question[];
}

export interface Dimension extends Provenance {
  id: string;
  name: string;
  maxMilli: number;
  indicators: Indicator[];
}

export interface Scene extends Provenance {
  id: string;
  group: string;
  name: string;
  /** 约束性 (true) or 指导性 (false). */
  constraint: boolean;
  /** Descriptions of 一级 … 四级. */
  levels: readonly [string, string, string, string];
}

export interface LevelRuleRow {
  level: number;
  minScoreMilli: number;
  minScenes: number;
  minConstraintScenes: number;
}

export interface LevelRule extends Provenance {
  caveat: string;
  /** How the score compared is named in explanations ("基础+管理+成效"). */
  scoreBasis: string;
  rows: LevelRuleRow[];
  /** Indexed by level: labels[0] is the label for no level. */
  labels: string[];
  labelNote?: string;
}

export interface Sme2024Instrument {
  id: 'miit-sme-2024';
  file: string;
  version: string;
  title: string;
  document: DocumentRef;
  sources: Record<string, SourceRef>;
  totalMilli: number;
  dimensions: Dimension[];
  /** Every question in questionnaire order. */
  questions: Question[];
  sceneSet: Provenance;
  scenes: Scene[];
  levelRule: LevelRule;
  omitted: Omission[];
}

// ---- 中小企业数字化水平评测指标(2022年版) ----

export interface Band2022 {
  level: number;
  label: string;
  minHundredths: number;
  /** Exclusive upper bound; null for the top band ("80分以上"). */
  maxHundredths: number | null;
  text: string;
}

export interface Sme2022Instrument {
  id: 'miit-sme-2022';
  file: string;
  version: string;
  title: string;
  document: DocumentRef;
  sources: Record<string, SourceRef>;
  resultShape: string;
  bands: Provenance & { levels: Band2022[]; belowLabel: string };
  boundary: Provenance & { value: 'lower-inclusive'; reading: string; reason: string };
  omitted: Omission[];
}

// ---- GB/T 39116-2020 智能制造能力成熟度模型 ----

export interface CmmmSubDomain {
  id: string;
  name: string;
  aliases: string[];
}

export interface CmmmDomain {
  id: string;
  name: string;
  elementId: string;
  subDomains: CmmmSubDomain[];
}

export interface CmmmElement extends Provenance {
  id: string;
  name: string;
  domains: CmmmDomain[];
}

export interface CmmmInstrument {
  id: 'gbt39116-2020';
  file: string;
  version: string;
  title: string;
  document: DocumentRef;
  sources: Record<string, SourceRef>;
  resultShape: string;
  levels: Provenance & { belowLabel: string; items: { level: number; name: string; text: string }[] };
  /** Minimum S (hundredths) for each level. */
  thresholds: Provenance & { items: { level: number; minHundredths: number }[] };
  elements: CmmmElement[];
  /** Every 能力域 in order; result scores are keyed by these ids. */
  domains: CmmmDomain[];
  omitted: Omission[];
}

export type Instrument = Sme2024Instrument | Sme2022Instrument | CmmmInstrument;
export type InstrumentId = Instrument['id'];
export const INSTRUMENT_IDS: readonly InstrumentId[] = ['miit-sme-2024', 'miit-sme-2022', 'gbt39116-2020'];

// The research note's best-supported reading (§1.5): 16 manufacturing scenes, 10 of them 约束性.
// If the official PDF says otherwise, change these together with the YAML.
const SCENE_COUNT = 16;
const CONSTRAINT_SCENE_COUNT = 10;
const SCENE_LEVELS = 4;
// Headline numbers of GB/T 39116-2020 (§2.1 CONFIRMED: 4 要素, 20 子域; §2.3: 12 能力域).
const CMMM_COUNTS = { elements: 4, domains: 12, subDomains: 20, levels: 5 };

// ---- raw file schemas ----

const ID = /^[a-z][a-z0-9-]*$/;
const confidence = z.enum(['confirmed', 'secondary', 'unconfirmed']);
const id = z.string().regex(ID, 'id 须为小写字母、数字和连字符,以字母开头');
const text = z.string().trim().min(1);
const points = z.number().nonnegative();
const provenance = { confidence, source: id, caveat: text.optional() };

const sourceSchema = z.strictObject({
  title: text,
  detail: text.optional(),
  note: text,
  urls: z.array(z.url()).optional(),
});
const documentSchema = z.strictObject({
  number: text,
  title: text,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期须为 YYYY-MM-DD').optional(),
  ...provenance,
});
const omittedSchema = z.array(z.strictObject({ what: text, confidence, reason: text })).optional();

const optionSchema = z.strictObject({
  key: z.string().regex(/^[A-Z]$/, '选项键须为一个大写字母'),
  label: text,
  points,
  exclusive: z.literal(true).optional(),
  confidence: confidence.optional(),
  source: id.optional(),
  caveat: text.optional(),
});
const fieldSchema = z.strictObject({
  key: z.string().regex(/^[a-z][A-Za-z0-9]*$/, '字段键须为小写字母开头的字母数字'),
  label: text,
  unit: text.optional(),
  integer: z.boolean().optional(),
});
const questionSchema = z.strictObject({
  id,
  name: text,
  text,
  note: text.optional(),
  type: z.enum(['single', 'multi']),
  points,
  ...provenance,
  options: z.array(optionSchema).min(2),
  fields: z.array(fieldSchema).optional(),
});
const indicatorSchema = z.strictObject({ id, name: text, points, ...provenance, questions: z.array(questionSchema).min(1) });
const dimensionSchema = z.strictObject({ id, name: text, points, ...provenance, indicators: z.array(indicatorSchema).min(1) });
const sceneSchema = z.strictObject({
  id,
  group: text,
  name: text,
  constraint: z.boolean(),
  ...provenance,
  levels: z.tuple([text, text, text, text]),
});
const count = z.number().int().nonnegative();

const sme2024Schema = z.strictObject({
  id: z.literal('miit-sme-2024'),
  version: text,
  title: text,
  document: documentSchema,
  sources: z.record(id, sourceSchema),
  totalPoints: points,
  dimensions: z.array(dimensionSchema).min(1),
  scenes: z.strictObject({ ...provenance, items: z.array(sceneSchema) }),
  levelRule: z.strictObject({
    confidence,
    source: id,
    caveat: text,
    scoreBasis: text,
    levels: z.array(z.strictObject({ level: z.number().int().min(1), minScore: points, minScenes: count, minConstraintScenes: count })).min(1),
    labels: z.array(text),
    labelNote: text.optional(),
  }),
  omitted: omittedSchema,
});

const sme2022Schema = z.strictObject({
  id: z.literal('miit-sme-2022'),
  version: text,
  title: text,
  document: documentSchema,
  sources: z.record(id, sourceSchema),
  resultShape: text,
  bands: z.strictObject({
    ...provenance,
    levels: z
      .array(z.strictObject({ level: z.number().int().min(1), label: text, minScore: points, maxScore: points.optional(), text }))
      .min(1),
    belowLabel: text,
  }),
  boundary: z.strictObject({ value: z.literal('lower-inclusive'), reading: text, reason: text, ...provenance }),
  omitted: omittedSchema,
});

const cmmmSchema = z.strictObject({
  id: z.literal('gbt39116-2020'),
  version: text,
  title: text,
  document: documentSchema,
  sources: z.record(id, sourceSchema),
  resultShape: text,
  levels: z.strictObject({
    ...provenance,
    belowLabel: text,
    items: z.array(z.strictObject({ level: z.number().int().min(1), name: text, text })),
  }),
  thresholds: z.strictObject({ ...provenance, items: z.array(z.strictObject({ level: z.number().int().min(1), minScore: points })) }),
  elements: z.array(
    z.strictObject({
      id,
      name: text,
      ...provenance,
      domains: z
        .array(
          z.strictObject({
            id,
            name: text,
            subDomains: z.array(z.strictObject({ id, name: text, aliases: z.array(text).optional() })).min(1),
          }),
        )
        .min(1),
    }),
  ),
  omitted: omittedSchema,
});

// ---- errors that name the file and the place ----

type Path = (string | number)[];

function place(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(文件)';
}

/** `details.path` lets the file reader turn the place into a line number. */
function failAt(file: string, path: Path, message: string) {
  return invalid(`${file}#${place(path)}`, `${file} ${place(path)}: ${message}`, { path });
}

const TYPE_NAMES: Record<string, string> = { number: '数字', string: '文本', boolean: 'true/false', array: '列表', object: '对象' };

function zodFailure(file: string, error: z.ZodError) {
  const issue = error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  let what: string;
  switch (issue.code) {
    case 'invalid_type':
      what = `须为${TYPE_NAMES[issue.expected] ?? issue.expected}${issue.input === undefined ? '(缺少此项)' : ''}`;
      break;
    case 'too_small':
      what = issue.origin === 'array' ? `至少需要 ${String(issue.minimum)} 项` : issue.origin === 'string' ? '不能为空' : `不能小于 ${String(issue.minimum)}`;
      break;
    case 'too_big':
      what = issue.origin === 'array' ? `最多 ${String(issue.maximum)} 项` : `不能大于 ${String(issue.maximum)}`;
      break;
    case 'invalid_value':
      what = `取值须为 ${issue.values.map((v) => String(v)).join(' / ')} 之一`;
      break;
    case 'unrecognized_keys':
      what = `含有未知字段 ${issue.keys.join(', ')}`;
      break;
    default:
      what = issue.message;
  }
  return failAt(file, path, what);
}

function parseWith<S extends z.ZodType>(schema: S, raw: unknown, file: string): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw zodFailure(file, r.error);
  return r.data;
}

/** A point value from the file as exact thousandths (0.7 → 700); refuses finer values. */
function toUnits(value: number, scale: number, file: string, path: Path): number {
  const d = new Decimal(value).times(scale);
  if (!d.isInteger()) throw failAt(file, path, `分值 ${String(value)} 须为 ${String(1 / scale)} 的整数倍`);
  return d.toNumber();
}

const fmtMilli = (m: number) => new Decimal(m).div(1000).toString();

function buildSources(raw: Record<string, z.output<typeof sourceSchema>>): Record<string, SourceRef> {
  const out: Record<string, SourceRef> = {};
  for (const [key, s] of Object.entries(raw)) {
    out[key] = { id: key, title: s.title, ...(s.detail !== undefined && { detail: s.detail }), note: s.note, urls: s.urls ?? [] };
  }
  return out;
}

function checkSource(sources: Record<string, SourceRef>, source: string, file: string, path: Path): void {
  if (!Object.hasOwn(sources, source)) {
    throw failAt(file, path, `来源 “${source}” 未在 sources 中列出(可用:${Object.keys(sources).join('、')})`);
  }
}

function prov(p: { confidence: Confidence; source: string; caveat?: string | undefined }): Provenance {
  return { confidence: p.confidence, source: p.source, ...(p.caveat !== undefined && { caveat: p.caveat }) };
}

function unique(ids: string[], file: string, pathOf: (i: number) => Path, what: string): void {
  const seen = new Set<string>();
  ids.forEach((v, i) => {
    if (seen.has(v)) throw failAt(file, pathOf(i), `${what} “${v}” 重复`);
    seen.add(v);
  });
}

// ---- builders ----

/** Validates a parsed instrument file and returns the checked instrument; throws INVALID naming file and place. */
export function buildInstrument(raw: unknown, file: string): Instrument {
  const kind = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).id : undefined;
  switch (kind) {
    case 'miit-sme-2024':
      return buildSme2024(parseWith(sme2024Schema, raw, file), file);
    case 'miit-sme-2022':
      return buildSme2022(parseWith(sme2022Schema, raw, file), file);
    case 'gbt39116-2020':
      return buildCmmm(parseWith(cmmmSchema, raw, file), file);
    default:
      throw failAt(file, ['id'], `id 须为 ${INSTRUMENT_IDS.join(' / ')} 之一,收到 ${JSON.stringify(kind ?? null)}`);
  }
}

function buildSme2024(raw: z.output<typeof sme2024Schema>, file: string): Sme2024Instrument {
  const sources = buildSources(raw.sources);
  const src = (p: Path, s: string) => checkSource(sources, s, file, p);
  src(['document', 'source'], raw.document.source);

  const questions: Question[] = [];
  const dimensions: Dimension[] = raw.dimensions.map((d, di) => {
    const dPath: Path = ['dimensions', di];
    src([...dPath, 'source'], d.source);
    const indicators: Indicator[] = d.indicators.map((ind, ii) => {
      const iPath: Path = [...dPath, 'indicators', ii];
      src([...iPath, 'source'], ind.source);
      const qs: Question[] = ind.questions.map((q, qi) => {
        const qPath: Path = [...iPath, 'questions', qi];
        src([...qPath, 'source'], q.source);
        const options: Option[] = q.options.map((o, oi) => {
          const oPath: Path = [...qPath, 'options', oi];
          if (o.source !== undefined) src([...oPath, 'source'], o.source);
          const caveat = o.caveat ?? (o.confidence === undefined ? q.caveat : undefined);
          return {
            key: o.key,
            label: o.label,
            milli: toUnits(o.points, 1000, file, [...oPath, 'points']),
            exclusive: o.exclusive === true,
            confidence: o.confidence ?? q.confidence,
            source: o.source ?? q.source,
            ...(caveat !== undefined && { caveat }),
          };
        });
        const maxMilli = toUnits(q.points, 1000, file, [...qPath, 'points']);
        checkQuestion(q, options, maxMilli, file, qPath);
        const fields = (q.fields ?? []).map((f) => ({ key: f.key, label: f.label, ...(f.unit !== undefined && { unit: f.unit }), integer: f.integer === true }));
        unique(fields.map((f) => f.key), file, (i) => [...qPath, 'fields', i, 'key'], '证明字段键');
        return {
          id: q.id,
          name: q.name,
          text: q.text,
          ...(q.note !== undefined && { note: q.note }),
          type: q.type,
          maxMilli,
          options,
          fields,
          dimensionId: d.id,
          indicatorId: ind.id,
          ...prov(q),
        };
      });
      const maxMilli = toUnits(ind.points, 1000, file, [...iPath, 'points']);
      const sum = qs.reduce((s, q) => s + q.maxMilli, 0);
      if (sum !== maxMilli) {
        throw failAt(file, [...iPath, 'points'], `一级指标“${ind.name}”为 ${fmtMilli(maxMilli)} 分,但其二级指标合计 ${fmtMilli(sum)} 分`);
      }
      questions.push(...qs);
      return { id: ind.id, name: ind.name, maxMilli, questions: qs, ...prov(ind) };
    });
    const maxMilli = toUnits(d.points, 1000, file, [...dPath, 'points']);
    const sum = indicators.reduce((s, i) => s + i.maxMilli, 0);
    if (sum !== maxMilli) throw failAt(file, [...dPath, 'points'], `维度“${d.name}”为 ${fmtMilli(maxMilli)} 分,但其一级指标合计 ${fmtMilli(sum)} 分`);
    unique(indicators.map((i) => i.id), file, (i) => [...dPath, 'indicators', i, 'id'], '一级指标 id');
    return { id: d.id, name: d.name, maxMilli, indicators, ...prov(d) };
  });
  unique(dimensions.map((d) => d.id), file, (i) => ['dimensions', i, 'id'], '维度 id');
  const qIndex = questions.map((q) => q.id);
  const qPaths: Path[] = [];
  raw.dimensions.forEach((d, di) => d.indicators.forEach((ind, ii) => ind.questions.forEach((_q, qi) => qPaths.push(['dimensions', di, 'indicators', ii, 'questions', qi, 'id']))));
  unique(qIndex, file, (i) => qPaths[i]!, '题目 id');

  const totalMilli = toUnits(raw.totalPoints, 1000, file, ['totalPoints']);
  const dimSum = dimensions.reduce((s, d) => s + d.maxMilli, 0);
  if (dimSum !== totalMilli) throw failAt(file, ['totalPoints'], `总分为 ${fmtMilli(totalMilli)} 分,但各维度合计 ${fmtMilli(dimSum)} 分`);

  src(['scenes', 'source'], raw.scenes.source);
  const scenes: Scene[] = raw.scenes.items.map((s, si) => {
    src(['scenes', 'items', si, 'source'], s.source);
    return { id: s.id, group: s.group, name: s.name, constraint: s.constraint, levels: s.levels, ...prov(s) };
  });
  unique(scenes.map((s) => s.id), file, (i) => ['scenes', 'items', i, 'id'], '场景 id');
  unique(scenes.map((s) => s.name), file, (i) => ['scenes', 'items', i, 'name'], '场景名称');
  if (scenes.length !== SCENE_COUNT) throw failAt(file, ['scenes', 'items'], `须有 ${SCENE_COUNT} 个数字化经营场景,现有 ${scenes.length} 个`);
  const constraintCount = scenes.filter((s) => s.constraint).length;
  if (constraintCount !== CONSTRAINT_SCENE_COUNT) {
    throw failAt(file, ['scenes', 'items'], `须有 ${CONSTRAINT_SCENE_COUNT} 个约束性场景,现有 ${constraintCount} 个`);
  }

  const levelRule = buildLevelRule(raw.levelRule, totalMilli, scenes.length, constraintCount, file);
  src(['levelRule', 'source'], levelRule.source);

  return {
    id: 'miit-sme-2024',
    file,
    version: raw.version,
    title: raw.title,
    document: { number: raw.document.number, title: raw.document.title, ...(raw.document.date !== undefined && { date: raw.document.date }), ...prov(raw.document) },
    sources,
    totalMilli,
    dimensions,
    questions,
    sceneSet: prov(raw.scenes),
    scenes,
    levelRule,
    omitted: raw.omitted ?? [],
  };
}

function checkQuestion(q: z.output<typeof questionSchema>, options: Option[], maxMilli: number, file: string, qPath: Path): void {
  unique(options.map((o) => o.key), file, (i) => [...qPath, 'options', i, 'key'], `“${q.text}”的选项键`);
  unique(options.map((o) => o.label), file, (i) => [...qPath, 'options', i, 'label'], `“${q.text}”的选项`);
  const exclusive = options.map((o, i) => ({ o, i })).filter(({ o }) => o.exclusive);
  if (q.type === 'single') {
    // A single choice excludes the others by definition; a flag there would mean the file confused the types.
    if (exclusive.length > 0) throw failAt(file, [...qPath, 'options', exclusive[0]!.i, 'exclusive'], `单选题“${q.text}”的选项不应标 exclusive`);
    const max = Math.max(...options.map((o) => o.milli));
    if (max !== maxMilli) throw failAt(file, [...qPath, 'points'], `单选题“${q.text}”为 ${fmtMilli(maxMilli)} 分,但最高选项为 ${fmtMilli(max)} 分`);
    return;
  }
  if (exclusive.length !== 1) {
    throw failAt(file, [...qPath, 'options'], `多选题“${q.text}”须恰有一个互斥的“无”选项(exclusive: true),现有 ${exclusive.length} 个`);
  }
  const none = exclusive[0]!;
  if (none.o.label !== '无' || none.o.milli !== 0) {
    throw failAt(file, [...qPath, 'options', none.i], `多选题“${q.text}”的互斥选项须为“无”且为 0 分,现为“${none.o.label}” ${fmtMilli(none.o.milli)} 分`);
  }
  const zero = options.findIndex((o) => !o.exclusive && o.milli === 0);
  if (zero >= 0) throw failAt(file, [...qPath, 'options', zero, 'points'], `多选题“${q.text}”中只有“无”可以为 0 分`);
  const sum = options.reduce((s, o) => s + o.milli, 0);
  if (sum !== maxMilli) throw failAt(file, [...qPath, 'points'], `多选题“${q.text}”为 ${fmtMilli(maxMilli)} 分,但各选项合计 ${fmtMilli(sum)} 分`);
}

function buildLevelRule(
  raw: z.output<typeof sme2024Schema>['levelRule'],
  totalMilli: number,
  sceneCount: number,
  constraintCount: number,
  file: string,
): LevelRule {
  const rows: LevelRuleRow[] = raw.levels.map((r, i) => {
    const path: Path = ['levelRule', 'levels', i];
    if (r.level !== i + 1) throw failAt(file, [...path, 'level'], `等级须从 1 起逐级排列,此处应为 ${i + 1},收到 ${r.level}`);
    if (r.level > SCENE_LEVELS) throw failAt(file, [...path, 'level'], `场景最高评为 ${SCENE_LEVELS} 级,等级不能超过 ${SCENE_LEVELS}`);
    const minScoreMilli = toUnits(r.minScore, 1000, file, [...path, 'minScore']);
    if (minScoreMilli <= 0 || minScoreMilli > totalMilli) throw failAt(file, [...path, 'minScore'], `分数门槛须大于 0 且不超过总分 ${fmtMilli(totalMilli)}`);
    if (r.minScenes > sceneCount) throw failAt(file, [...path, 'minScenes'], `场景数门槛 ${r.minScenes} 超过场景总数 ${sceneCount}`);
    if (r.minConstraintScenes > r.minScenes) throw failAt(file, [...path, 'minConstraintScenes'], `约束性场景门槛 ${r.minConstraintScenes} 不能大于场景数门槛 ${r.minScenes}`);
    if (r.minConstraintScenes > constraintCount) {
      throw failAt(file, [...path, 'minConstraintScenes'], `约束性场景门槛 ${r.minConstraintScenes} 超过约束性场景总数 ${constraintCount}`);
    }
    return { level: r.level, minScoreMilli, minScenes: r.minScenes, minConstraintScenes: r.minConstraintScenes };
  });
  // A higher level must never be easier: then "highest level whose conditions hold" is also the
  // last of an unbroken run from 一级, and an upgrade never loses a lower level.
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    const path: Path = ['levelRule', 'levels', i];
    if (b.minScoreMilli <= a.minScoreMilli) throw failAt(file, [...path, 'minScore'], `等级门槛须逐级升高:${b.level} 级分数门槛须高于 ${a.level} 级`);
    if (b.minScenes < a.minScenes) throw failAt(file, [...path, 'minScenes'], `等级门槛须逐级不降:${b.level} 级场景数门槛不能低于 ${a.level} 级`);
    if (b.minConstraintScenes < a.minConstraintScenes) {
      throw failAt(file, [...path, 'minConstraintScenes'], `等级门槛须逐级不降:${b.level} 级约束性场景门槛不能低于 ${a.level} 级`);
    }
  }
  if (raw.labels.length !== rows.length + 1) {
    throw failAt(file, ['levelRule', 'labels'], `须为 0 至 ${rows.length} 级各给一个名称(共 ${rows.length + 1} 个),现有 ${raw.labels.length} 个`);
  }
  return {
    confidence: raw.confidence,
    source: raw.source,
    caveat: raw.caveat,
    scoreBasis: raw.scoreBasis,
    rows,
    labels: raw.labels,
    ...(raw.labelNote !== undefined && { labelNote: raw.labelNote }),
  };
}

function buildSme2022(raw: z.output<typeof sme2022Schema>, file: string): Sme2022Instrument {
  const sources = buildSources(raw.sources);
  checkSource(sources, raw.document.source, file, ['document', 'source']);
  checkSource(sources, raw.bands.source, file, ['bands', 'source']);
  checkSource(sources, raw.boundary.source, file, ['boundary', 'source']);
  const levels: Band2022[] = raw.bands.levels.map((b, i) => {
    const path: Path = ['bands', 'levels', i];
    if (b.level !== i + 1) throw failAt(file, [...path, 'level'], `等级须从 1 起逐级排列,此处应为 ${i + 1},收到 ${b.level}`);
    const minHundredths = toUnits(b.minScore, 100, file, [...path, 'minScore']);
    const maxHundredths = b.maxScore === undefined ? null : toUnits(b.maxScore, 100, file, [...path, 'maxScore']);
    if (minHundredths <= 0 || minHundredths > 10000) throw failAt(file, [...path, 'minScore'], '分数下限须大于 0 且不超过 100');
    return { level: b.level, label: b.label, minHundredths, maxHundredths, text: b.text };
  });
  // Bands must tile the scale from the lowest band up with no gap or overlap, the top one open.
  levels.forEach((b, i) => {
    const path: Path = ['bands', 'levels', i];
    const next = levels[i + 1];
    if (next) {
      if (b.maxHundredths !== next.minHundredths) throw failAt(file, [...path, 'maxScore'], `${b.label}的上限须等于${next.label}的下限 ${next.minHundredths / 100}`);
    } else if (b.maxHundredths !== null) {
      throw failAt(file, [...path, 'maxScore'], `最高一档(${b.label})不设上限(“以上”)`);
    }
  });
  return {
    id: 'miit-sme-2022',
    file,
    version: raw.version,
    title: raw.title,
    document: { number: raw.document.number, title: raw.document.title, ...(raw.document.date !== undefined && { date: raw.document.date }), ...prov(raw.document) },
    sources,
    resultShape: raw.resultShape,
    bands: { ...prov(raw.bands), levels, belowLabel: raw.bands.belowLabel },
    boundary: { ...prov(raw.boundary), value: raw.boundary.value, reading: raw.boundary.reading, reason: raw.boundary.reason },
    omitted: raw.omitted ?? [],
  };
}

function buildCmmm(raw: z.output<typeof cmmmSchema>, file: string): CmmmInstrument {
  const sources = buildSources(raw.sources);
  checkSource(sources, raw.document.source, file, ['document', 'source']);
  checkSource(sources, raw.levels.source, file, ['levels', 'source']);
  checkSource(sources, raw.thresholds.source, file, ['thresholds', 'source']);
  const domains: CmmmDomain[] = [];
  const subPaths: Path[] = [];
  const domPaths: Path[] = [];
  const elements: CmmmElement[] = raw.elements.map((e, ei) => {
    checkSource(sources, e.source, file, ['elements', ei, 'source']);
    const ds = e.domains.map((d, di) => {
      domPaths.push(['elements', ei, 'domains', di, 'id']);
      d.subDomains.forEach((_s, si) => subPaths.push(['elements', ei, 'domains', di, 'subDomains', si, 'id']));
      return { id: d.id, name: d.name, elementId: e.id, subDomains: d.subDomains.map((s) => ({ id: s.id, name: s.name, aliases: s.aliases ?? [] })) };
    });
    domains.push(...ds);
    return { id: e.id, name: e.name, domains: ds, ...prov(e) };
  });
  unique(elements.map((e) => e.id), file, (i) => ['elements', i, 'id'], '能力要素 id');
  unique(domains.map((d) => d.id), file, (i) => domPaths[i]!, '能力域 id');
  unique(domains.flatMap((d) => d.subDomains.map((s) => s.id)), file, (i) => subPaths[i]!, '能力子域 id');
  const subCount = domains.reduce((s, d) => s + d.subDomains.length, 0);
  if (elements.length !== CMMM_COUNTS.elements || domains.length !== CMMM_COUNTS.domains || subCount !== CMMM_COUNTS.subDomains) {
    throw failAt(
      file,
      ['elements'],
      `GB/T 39116-2020 为 ${CMMM_COUNTS.elements} 个能力要素、${CMMM_COUNTS.domains} 个能力域、${CMMM_COUNTS.subDomains} 个能力子域,现为 ${elements.length}、${domains.length}、${subCount}`,
    );
  }

  raw.levels.items.forEach((l, i) => {
    if (l.level !== i + 1) throw failAt(file, ['levels', 'items', i, 'level'], `等级须从 1 起逐级排列,此处应为 ${i + 1},收到 ${l.level}`);
  });
  if (raw.levels.items.length !== CMMM_COUNTS.levels) throw failAt(file, ['levels', 'items'], `须有 ${CMMM_COUNTS.levels} 个成熟度等级,现有 ${raw.levels.items.length} 个`);
  const thresholds = raw.thresholds.items.map((t, i) => {
    const path: Path = ['thresholds', 'items', i];
    if (t.level !== i + 1) throw failAt(file, [...path, 'level'], `等级须从 1 起逐级排列,此处应为 ${i + 1},收到 ${t.level}`);
    const minHundredths = toUnits(t.minScore, 100, file, [...path, 'minScore']);
    if (minHundredths <= 0 || minHundredths > 500) throw failAt(file, [...path, 'minScore'], '阈值须大于 0 且不超过 5');
    const prev = i > 0 ? toUnits(raw.thresholds.items[i - 1]!.minScore, 100, file, path) : 0;
    if (minHundredths <= prev) throw failAt(file, [...path, 'minScore'], '阈值须逐级升高');
    return { level: t.level, minHundredths };
  });
  if (thresholds.length !== CMMM_COUNTS.levels) throw failAt(file, ['thresholds', 'items'], `须为 ${CMMM_COUNTS.levels} 个等级各给一个阈值,现有 ${thresholds.length} 个`);

  return {
    id: 'gbt39116-2020',
    file,
    version: raw.version,
    title: raw.title,
    document: { number: raw.document.number, title: raw.document.title, ...(raw.document.date !== undefined && { date: raw.document.date }), ...prov(raw.document) },
    sources,
    resultShape: raw.resultShape,
    levels: { ...prov(raw.levels), belowLabel: raw.levels.belowLabel, items: raw.levels.items },
    thresholds: { ...prov(raw.thresholds), items: thresholds },
    elements,
    domains,
    omitted: raw.omitted ?? [],
  };
}
