// GB/T 4754-2017 国民经济行业分类: a section letter (门类) followed optionally by the two-digit
// division (大类), a third digit (中类) and a fourth (小类): C, C36, C367, C3670. The division must
// belong to the section, e.g. 制造业 C is divisions 13–43.
const SECTION_DIVISIONS: Record<string, [number, number]> = {
  A: [1, 5], B: [6, 12], C: [13, 43], D: [44, 46], E: [47, 50], F: [51, 52], G: [53, 60],
  H: [61, 62], I: [63, 65], J: [66, 69], K: [70, 70], L: [71, 72], M: [73, 75], N: [76, 79],
  O: [80, 82], P: [83, 83], Q: [84, 85], R: [86, 90], S: [91, 96], T: [97, 97],
};

export const INDUSTRY_SECTIONS = Object.keys(SECTION_DIVISIONS);

/** Returns null when valid, otherwise a Chinese message saying what is allowed. */
export function industryCodeProblem(code: string): string | null {
  const m = /^([A-T])(\d{2})?(\d{1,2})?$/.exec(code);
  if (!m || (m[3] && !m[2])) {
    return `行业代码“${code}”格式不符:须为 GB/T 4754 门类字母加可选的2–4位数字,如 C、C36、C3670`;
  }
  const range = SECTION_DIVISIONS[m[1]!]!;
  if (m[2]) {
    const division = Number(m[2]);
    if (division < range[0] || division > range[1]) {
      const lo = String(range[0]).padStart(2, '0');
      const hi = String(range[1]).padStart(2, '0');
      return `行业代码“${code}”的大类 ${m[2]} 不属于门类 ${m[1]}(${m[1]} 门类大类为 ${lo}–${hi})`;
    }
  }
  return null;
}
