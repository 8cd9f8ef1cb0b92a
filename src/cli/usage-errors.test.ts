import { describe, expect, it } from 'vitest';
import { chineseUsageError } from './usage-errors.ts';

describe('CLI usage errors in Chinese', () => {
  it.each([
    ["error: missing required argument 'file'", '错误:缺少必填参数 <file>'],
    ["error: required option '--role <role>' not specified", '错误:缺少必填选项 --role <role>'],
    ["error: option '--at <date>' argument missing", '错误:选项 --at <date> 缺少取值'],
    ["error: unknown option '--nope'", '错误:未知选项 --nope'],
    ["error: unknown command 'frob'", '错误:未知命令 frob'],
    ["error: too many arguments for 'export'. Expected 1 argument but got 2.", '错误:参数过多(命令 export)'],
  ])('%s', (english, chinese) => {
    expect(chineseUsageError(english)).toBe(chinese);
  });

  it('passes other text through unchanged', () => {
    expect(chineseUsageError('(用 --help 查看用法)')).toBe('(用 --help 查看用法)');
  });
});
