// Commander reports usage mistakes in English; operators read Chinese. Its messages are regular, so
// each kind is restated in Chinese with the argument or option it names.
const PATTERNS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/missing required argument '([^']+)'/, (m) => `缺少必填参数 <${m[1]}>`],
  [/required option '([^']+)' not specified/, (m) => `缺少必填选项 ${m[1]}`],
  [/option '([^']+)' argument missing/, (m) => `选项 ${m[1]} 缺少取值`],
  [/unknown option '([^']+)'/, (m) => `未知选项 ${m[1]}`],
  [/unknown command '([^']+)'/, (m) => `未知命令 ${m[1]}`],
  [/too many arguments(?: for '([^']+)')?/, (m) => `参数过多${m[1] ? `(命令 ${m[1]})` : ''}`],
];

export function chineseUsageError(message: string): string {
  for (const [re, say] of PATTERNS) {
    const m = message.match(re);
    if (m) return `错误:${say(m)}`;
  }
  return message;
}
