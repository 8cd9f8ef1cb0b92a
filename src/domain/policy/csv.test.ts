import { describe, expect, it } from 'vitest';
import { CsvParser } from './csv.ts';

const parseAll = (chunks: string[]) => {
  const p = new CsvParser();
  return [...chunks.flatMap((c) => p.push(c)), ...p.end()];
};

describe('CsvParser', () => {
  it('handles quotes, doubled quotes, embedded commas and line breaks, CRLF and BOM', () => {
    const text = '\ufeffid,name\r\n1,"扬州, 某""公司"""\r\n2,"多\n行"\n3,';
    const rows = parseAll([text]);
    expect(rows.map((r) => r.cells)).toEqual([['id', 'name'], ['1', '扬州, 某"公司"'], ['2', '多\n行'], ['3', '']]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('gives the same records however the input is split into chunks', () => {
    const text = 'a,b\r\n"x,""y""",2\r\n3,4\r\n';
    const whole = parseAll([text]).map((r) => r.cells);
    for (let i = 1; i < text.length; i++) {
      expect(parseAll([text.slice(0, i), text.slice(i)]).map((r) => r.cells)).toEqual(whole);
    }
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseAll(['a,"b'])).toThrow('引号未闭合');
  });
});
