import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.ts';
import { defaultInstrumentsDir, getInstrument, loadInstruments } from './instruments.ts';

const IDS = ['miit-sme-2024', 'miit-sme-2022', 'gbt39116-2020'] as const;
const dirs: string[] = [];

/** A copy of instruments/ in a fresh temporary folder, with one file rewritten. */
function copyWith(id: string, rewrite: (text: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'zgsz-instruments-'));
  dirs.push(root);
  const dir = join(root, 'instruments');
  mkdirSync(dir);
  for (const f of IDS) copyFileSync(join(defaultInstrumentsDir(), `${f}.yaml`), join(dir, `${f}.yaml`));
  const file = join(dir, `${id}.yaml`);
  writeFileSync(file, rewrite(readFileSync(file, 'utf8')));
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function refused(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected an error');
}

describe('instruments/ 读取', () => {
  it('读取三个评测工具文件并缓存', () => {
    const set = loadInstruments();
    expect(Object.keys(set)).toEqual([...IDS]);
    expect(set['miit-sme-2024'].file).toBe('instruments/miit-sme-2024.yaml');
    expect(set['miit-sme-2024'].totalMilli).toBe(100_000);
    expect(set['miit-sme-2022'].bands.levels).toHaveLength(4);
    expect(set['gbt39116-2020'].domains).toHaveLength(12);
    expect(loadInstruments()).toBe(set);
    expect(getInstrument('miit-sme-2024')).toBe(set['miit-sme-2024']);
  });

  it('未知的评测工具 id 为 NOT_FOUND', () => {
    const e = refused(() => getInstrument('miit-sme-2023'));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('miit-sme-2024、miit-sme-2022、gbt39116-2020');
  });

  it('YAML 语法错误报出文件与行号', () => {
    const dir = copyWith('miit-sme-2022', (t) => t.replace('resultShape: 总分 + 等级', 'resultShape: [总分'));
    const e = refused(() => loadInstruments(dir));
    expect(e.code).toBe('INVALID');
    expect(e.message).toMatch(/^instruments\/miit-sme-2022\.yaml 第\d+行: YAML 格式错误/);
  });

  it('分值不符报出文件、位置与行号', () => {
    const lines = readFileSync(join(defaultInstrumentsDir(), 'miit-sme-2024.yaml'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('{ key: B, label: 车间工控网络(支持自动化控制), points: 2 }')) + 1;
    const dir = copyWith('miit-sme-2024', (t) => t.replace('车间工控网络(支持自动化控制), points: 2 }', '车间工控网络(支持自动化控制), points: 2.5 }'));
    const e = refused(() => loadInstruments(dir));
    expect(e.field).toBe('instruments/miit-sme-2024.yaml#dimensions[0].indicators[0].questions[0].points');
    // the question's `points` key sits a few lines above its options
    const pointsLine = lines.slice(0, line).lastIndexOf('            points: 8') + 1;
    expect(e.message).toBe(
      `instruments/miit-sme-2024.yaml dimensions[0].indicators[0].questions[0].points: 多选题“企业网络建设连接情况”为 8 分,但各选项合计 8.5 分(第${pointsLine}行)`,
    );
  });

  it('缺少文件或 id 与文件名不符', () => {
    const missing = copyWith('gbt39116-2020', (t) => t);
    unlinkSync(join(missing, 'gbt39116-2020.yaml'));
    expect(refused(() => loadInstruments(missing)).message).toBe('缺少评测工具文件 instruments/gbt39116-2020.yaml');
    const swapped = copyWith('miit-sme-2024', () => readFileSync(join(defaultInstrumentsDir(), 'miit-sme-2022.yaml'), 'utf8'));
    expect(refused(() => loadInstruments(swapped)).message).toContain('id: miit-sme-2022 须与文件名 miit-sme-2024 一致');
  });
});
