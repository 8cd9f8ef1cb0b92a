// `zgsz score`: the annual assessment of 附件2 评分细则.
//   zgsz score --input figures.json|figures.xlsx   one year's figures, no database needed
//   zgsz score --year 2022                         from the database (targets, records, events)
//   zgsz score --template out.xlsx [--year 2022]   an input workbook with the scored regions filled in
// Prints the Chinese score table (--explain: every line with its clause and the readings used),
// or --json; --xlsx writes the explained score workbook; --settings changes a reading.
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { invalid } from '../../domain/errors.ts';
import type { AssessmentResult, ScoringSettings } from '../../domain/scoring/index.ts';
import { BUILT_IN_TARGETS, parseAssessmentInput, resolveSettings, scoreDistricts } from '../../domain/scoring/index.ts';
import { assessmentTemplateBuffer, parseAssessmentWorkbook } from '../../reports/assessment/assessment-input-workbook.ts';
import { presentAssessment } from '../../reports/assessment/presenters.ts';
import { scoreWorkbookBuffer } from '../../reports/assessment/score-sheet-workbook.ts';
import { renderScoreTable } from '../../reports/assessment/score-table-text.ts';
import { cliActor } from '../cli-actor.ts';
import { scoreYear } from '../../use-cases/assessment/score-year.ts';
import { action, printJson, withDatabase } from '../run.ts';
import { recordExport } from '../../use-cases/audit/record-export.ts';

interface ScoreOptions {
  input?: string;
  year?: string;
  settings?: string;
  json?: boolean;
  explain?: boolean;
  xlsx?: string;
  template?: string;
}

async function readDocument(file: string, what: string): Promise<unknown> {
  if (!existsSync(file)) throw invalid(what, `文件 ${file} 不存在`);
  const text = await readFile(file, 'utf8');
  try {
    return ['.yaml', '.yml'].includes(extname(file).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw invalid(what, `${file} 不是有效的 ${extname(file).toLowerCase() === '.json' ? 'JSON' : 'JSON/YAML'}:${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function loadSettings(file: string | undefined): Promise<ScoringSettings> {
  return resolveSettings(file ? await readDocument(file, 'settings') : {});
}

/** Scores a JSON or XLSX file of one year's figures. */
export async function scoreFile(file: string, settings: ScoringSettings): Promise<AssessmentResult> {
  if (!existsSync(file)) throw invalid('input', `文件 ${file} 不存在`);
  const input = extname(file).toLowerCase() === '.xlsx' ? await parseAssessmentWorkbook(await readFile(file)) : parseAssessmentInput(await readDocument(file, 'input'));
  return scoreDistricts(input, { settings });
}

function parseYear(year: string | undefined): number | undefined {
  if (year === undefined) return undefined;
  if (!/^\d{4}$/.test(year)) throw invalid('year', `年度须为四位数字,收到“${year}”`);
  return Number(year);
}

export function register(program: Command): void {
  program
    .command('score')
    .description('按《评分细则》(扬府发〔2022〕20号附件2)计算各地区得分与排名 (annual district assessment)')
    .option('--input <file>', '一年数据的 JSON 或 XLSX 文件(无需数据库)')
    .option('--year <year>', '从数据库读取该年度的目标与记录')
    .option('--settings <file>', '评分设置 JSON/YAML,调整有歧义之处的解读')
    .option('--explain', '显示每项得分的计算过程与采用的解读')
    .option('--json', 'JSON 输出完整评分表')
    .option('--xlsx <file>', '另存评分表(含每个地区的明细)为 Excel')
    .option('--template <file>', '生成 XLSX 填报模板(年度取 --year,默认2022)')
    .action(
      action(async (o: ScoreOptions) => {
        const year = parseYear(o.year);
        if (o.template) {
          const targets = BUILT_IN_TARGETS.get(year ?? 2022);
          if (!targets) throw invalid('year', `${year}年没有内置目标表:模板中的「目标」表请自行填写,或使用 --year 2022`);
          await writeFile(o.template, await assessmentTemplateBuffer(targets));
          console.log(`已生成填报模板 ${o.template}`);
          return;
        }
        let result: AssessmentResult;
        if (o.input) result = await scoreFile(o.input, await loadSettings(o.settings));
        // From the database the year's stored readings apply unless --settings overrides them.
        else if (year !== undefined) result = await scoreFromDatabase(year, o.settings ? await loadSettings(o.settings) : undefined, !!o.xlsx);
        else throw invalid('input', '请用 --input FILE 指定数据文件,或用 --year 从数据库评分');
        if (o.xlsx) await writeFile(o.xlsx, await scoreWorkbookBuffer(result));
        if (o.json) printJson(presentAssessment(result));
        else {
          console.log(renderScoreTable(result, { explain: !!o.explain }));
          if (o.xlsx) console.log(`\n评分表已保存到 ${o.xlsx}`);
        }
      }),
    );
}

/** `exporting`: the score sheet leaves as a workbook, which the audit log records like the API's export. */
async function scoreFromDatabase(year: number, settings: ScoringSettings | undefined, exporting: boolean): Promise<AssessmentResult> {
  return withDatabase(async ({ db }) => {
    const result = await scoreYear(db, cliActor(), year, settings);
    if (exporting) await recordExport(db, cliActor(), { entity: 'assessment_scores', scope: { year }, rows: result.sheets.length });
    return result;
  });
}
