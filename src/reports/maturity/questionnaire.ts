// The printable questionnaire of 《中小企业数字化水平评测指标(2024年版)》: every question with its
// options and points, the evidence to fill in, the 16 数字化经营 scenes and the level rule. Parts
// that rest on unconfirmed readings carry their caveat on the page, so an assessor on site sees
// them where they are used rather than in a footnote.
import { CONFIDENCE_LABELS } from '../../domain/maturity/instrument.ts';
import type { Provenance, Question, Sme2024Instrument } from '../../domain/maturity/instrument.ts';
import { formatPoints } from '../../domain/maturity/score.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const LEVEL_NAMES = ['一级', '二级', '三级', '四级'];
const numeral = (i: number) => NUMERALS[i] ?? String(i + 1);
const typeName = (q: Question) => (q.type === 'single' ? '单选' : '多选');

/** "【二手来源:…】" for a node that is not confirmed; empty otherwise. */
function note(p: Provenance): string {
  if (p.confidence === 'confirmed') return '';
  return `【${CONFIDENCE_LABELS[p.confidence]}${p.caveat ? `:${p.caveat}` : ''}】`;
}

function ruleLines(instrument: Sme2024Instrument): string[] {
  const r = instrument.levelRule;
  return r.rows.map((row) => {
    const l = r.labels[row.level] ?? `${row.level}级`;
    return `${l}:${r.scoreBasis}≥${formatPoints(row.minScoreMilli)}分,且≥${row.minScenes}个场景达到${l}(其中约束性≥${row.minConstraintScenes}个)`;
  });
}

const sceneGroups = (instrument: Sme2024Instrument) => [...new Set(instrument.scenes.map((s) => s.group))];

export function questionnaireText(instrument: Sme2024Instrument): string {
  const out: string[] = [];
  const d = instrument.document;
  out.push(`${instrument.title} 评测问卷`);
  out.push(`依据:${d.number}${d.date ? `(${d.date})` : ''} ${d.title}`);
  out.push(`计分部分满分 ${formatPoints(instrument.totalMilli)} 分;数字化经营部分按场景评级,不计分。多选题得分为所选选项分值之和,“无”与其他选项互斥。`);
  out.push('');

  let n = 0;
  instrument.dimensions.forEach((dim, di) => {
    out.push(`${numeral(di)}、${dim.name}(${formatPoints(dim.maxMilli)}分)${note(dim)}`);
    dim.indicators.forEach((ind, ii) => {
      out.push(`  (${numeral(ii)})${ind.name}(${formatPoints(ind.maxMilli)}分)${note(ind)}`);
      for (const q of ind.questions) {
        n++;
        out.push(`    ${n}. ${q.name}(${formatPoints(q.maxMilli)}分,${typeName(q)})${q.text}${note(q)}`);
        if (q.note) out.push(`       说明:${q.note}`);
        for (const o of q.options) {
          const extra = o.exclusive ? '(与其他选项互斥)' : '';
          const flag = o.confidence !== q.confidence || o.caveat !== q.caveat ? note(o) : '';
          out.push(`       □ ${o.key}. ${o.label} —— ${formatPoints(o.milli)}分${extra}${flag}`);
        }
        for (const f of q.fields) out.push(`       证明数据:${f.label}${f.unit ? `(${f.unit})` : ''}:__________`);
      }
    });
    out.push('');
  });

  out.push(`${numeral(instrument.dimensions.length)}、数字化经营:场景评级(${instrument.scenes.length}个场景,约束性${instrument.scenes.filter((s) => s.constraint).length}个)${note(instrument.sceneSet)}`);
  if (instrument.sceneSet.caveat) out.push(`  说明:${instrument.sceneSet.caveat}`);
  let s = 0;
  sceneGroups(instrument).forEach((group, gi) => {
    out.push(`  (${numeral(gi)})${group}`);
    for (const scene of instrument.scenes.filter((x) => x.group === group)) {
      s++;
      out.push(`    场景${s}. ${scene.name}【${scene.constraint ? '约束性' : '指导性'}】${note(scene)}`);
      scene.levels.forEach((t, li) => out.push(`       ${LEVEL_NAMES[li]}:${t}`));
      out.push(`       评级:□未达到一级 □一级 □二级 □三级 □四级`);
    }
  });
  out.push('');

  const r = instrument.levelRule;
  out.push(`${numeral(instrument.dimensions.length + 1)}、等级判定(${CONFIDENCE_LABELS[r.confidence]})`);
  for (const line of ruleLines(instrument)) out.push(`  ${line}`);
  out.push(`  取同时满足分数与场景条件的最高等级;均不满足为“${r.labels[0] ?? '无等级'}”。场景评级达到或高于某级即计入该级。`);
  out.push(`  可信度说明:${r.caveat}`);
  if (r.labelNote) out.push(`  等级名称:${r.labelNote}`);
  return `${out.join('\n')}\n`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const CSS = `
@page { size: A4 portrait; margin: 16mm 14mm; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; margin: 0 auto; max-width: 182mm; font-size: 10.5pt; line-height: 1.5; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 4pt; }
.doc-no { text-align: center; margin-bottom: 10pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8pt; }
tr, .question { page-break-inside: avoid; }
th, td { border: 0.6pt solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eef2f8; white-space: nowrap; }
td.pts, td.key, td.box { text-align: center; white-space: nowrap; width: 1%; }
.question { margin-bottom: 8pt; }
.q-title { font-weight: bold; }
.caveat { font-size: 9pt; color: #7a3e00; }
.field { margin: 2pt 0 0 1em; }
ul.rules { list-style: none; padding-left: 1em; }
.tag { font-size: 9pt; border: 0.6pt solid #000; padding: 0 3pt; margin-left: 4pt; }
@media print { th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

function caveatHtml(p: Provenance): string {
  if (p.confidence === 'confirmed') return '';
  return `<div class="caveat">【${esc(CONFIDENCE_LABELS[p.confidence])}】${p.caveat ? esc(p.caveat) : ''}</div>`;
}

function questionHtml(q: Question, n: number): string {
  const rows = q.options
    .map((o) => {
      const flag = o.confidence !== q.confidence || o.caveat !== q.caveat ? caveatHtml(o) : '';
      return `<tr><td class="box">□</td><td class="key">${esc(o.key)}</td><td>${esc(o.label)}${o.exclusive ? '(与其他选项互斥)' : ''}${flag}</td><td class="pts">${esc(formatPoints(o.milli))}</td></tr>`;
    })
    .join('');
  const fields = q.fields.map((f) => `<div class="field">证明数据:${esc(f.label)}${f.unit ? `(${esc(f.unit)})` : ''}:__________</div>`).join('');
  return `<div class="question"><div class="q-title">${n}. ${esc(q.name)}(${esc(formatPoints(q.maxMilli))}分,${typeName(q)})${esc(q.text)}</div>${
    q.note ? `<div>说明:${esc(q.note)}</div>` : ''
  }${caveatHtml(q)}<table><thead><tr><th></th><th>选项</th><th>内容</th><th>分值</th></tr></thead><tbody>${rows}</tbody></table>${fields}</div>`;
}

export function questionnaireHtml(instrument: Sme2024Instrument): string {
  const d = instrument.document;
  const parts: string[] = [];
  let n = 0;
  instrument.dimensions.forEach((dim, di) => {
    parts.push(`<h2>${numeral(di)}、${esc(dim.name)}(${esc(formatPoints(dim.maxMilli))}分)</h2>${caveatHtml(dim)}`);
    dim.indicators.forEach((ind, ii) => {
      parts.push(`<h3>(${numeral(ii)})${esc(ind.name)}(${esc(formatPoints(ind.maxMilli))}分)</h3>${caveatHtml(ind)}`);
      for (const q of ind.questions) parts.push(questionHtml(q, ++n));
    });
  });

  const constraintCount = instrument.scenes.filter((s) => s.constraint).length;
  parts.push(`<h2>${numeral(instrument.dimensions.length)}、数字化经营:场景评级(${instrument.scenes.length}个场景,约束性${constraintCount}个)</h2>${caveatHtml(instrument.sceneSet)}`);
  if (instrument.sceneSet.caveat && instrument.sceneSet.confidence === 'confirmed') parts.push(`<div class="caveat">说明:${esc(instrument.sceneSet.caveat)}</div>`);
  let s = 0;
  for (const group of sceneGroups(instrument)) {
    const rows = instrument.scenes
      .filter((x) => x.group === group)
      .map((scene) => {
        s++;
        const levels = scene.levels.map((t) => `<td>${esc(t)}</td>`).join('');
        return `<tr><td>${s}. ${esc(scene.name)}<span class="tag">${scene.constraint ? '约束性' : '指导性'}</span>${caveatHtml(scene)}</td>${levels}<td class="box">□0 □1<br>□2 □3<br>□4</td></tr>`;
      })
      .join('');
    parts.push(
      `<h3>${esc(group)}</h3><table><thead><tr><th style="width:14%">场景</th>${LEVEL_NAMES.map((l) => `<th>${l}</th>`).join('')}<th>评级</th></tr></thead><tbody>${rows}</tbody></table>`,
    );
  }

  const r = instrument.levelRule;
  parts.push(
    `<h2>${numeral(instrument.dimensions.length + 1)}、等级判定(${esc(CONFIDENCE_LABELS[r.confidence])})</h2><ul class="rules">${ruleLines(instrument)
      .map((l) => `<li>${esc(l)}</li>`)
      .join('')}</ul><p>取同时满足分数与场景条件的最高等级;均不满足为“${esc(r.labels[0] ?? '无等级')}”。场景评级达到或高于某级即计入该级。</p>` +
      `<div class="caveat">可信度说明:${esc(r.caveat)}</div>${r.labelNote ? `<div class="caveat">等级名称:${esc(r.labelNote)}</div>` : ''}`,
  );

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(instrument.title)} 评测问卷</title>
<style>${CSS}</style>
</head>
<body>
<h1>${esc(instrument.title)} 评测问卷</h1>
<div class="doc-no">${esc(d.number)}${d.date ? `(${esc(d.date)})` : ''}</div>
<p>计分部分满分 ${esc(formatPoints(instrument.totalMilli))} 分;数字化经营部分按场景评级,不计分。多选题得分为所选选项分值之和,“无”与其他选项互斥。</p>
${parts.join('\n')}
</body>
</html>
`;
}
