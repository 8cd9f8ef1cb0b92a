// The printable 公示 notice in the form offices publish: title, issuing office and date, the list,
// the period and how to object (real name; anonymous objections are not accepted).
import { escapeHtml } from '../assessment/bulletin-html.ts';

export interface NoticeInput {
  title: string;
  issuer: string;
  startsOn: string;
  endsOn: string;
  length: number;
  unit: 'calendar' | 'working';
  contact: string;
  items: { number: string; enterpriseName: string; regionName: string; measureTitle: string; clause: string; amountText: string }[];
}

const cn = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

export function noticeHtml(n: NoticeInput): string {
  const rows = n.items.map((it, i) => `<tr><td>${i + 1}</td><td class="text">${escapeHtml(it.enterpriseName)}</td><td class="nowrap">${escapeHtml(it.regionName)}</td><td class="text">${escapeHtml(it.measureTitle)}</td><td class="nowrap">${escapeHtml(it.clause)}</td><td class="nowrap">${escapeHtml(it.amountText)}</td><td class="nowrap">${escapeHtml(it.number)}</td></tr>`).join('\n');
  const period = `${n.length}${n.unit === 'working' ? '个工作日' : '天'}(${cn(n.startsOn)}至${cn(n.endsOn)})`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(n.title)}</title><style>
@page { size: A4; margin: 20mm 16mm; }
body { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: 12pt; line-height: 1.7; max-width: 180mm; margin: 0 auto; color: #000; }
h1 { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 18pt; text-align: center; margin: 8pt 0 16pt; }
p { text-indent: 2em; margin: 6pt 0; }
table { border-collapse: collapse; width: 100%; margin: 10pt 0; font-size: 10.5pt; }
th, td { border: 0.6pt solid #000; padding: 3pt 4pt; text-align: center; }
th { background: #eef2f8; } td.text { text-align: left; } .nowrap { white-space: nowrap; }
.sign { text-align: right; margin-top: 24pt; } @media print { th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
</style></head><body>
<h1>${escapeHtml(n.title)}</h1>
<p>根据有关政策规定,经企业申报、县(市、区)初审、市级复审,拟对以下${n.items.length}个项目予以支持,现予以公示。</p>
<table><thead><tr><th>序号</th><th>企业名称</th><th>所在地区</th><th>支持项目</th><th>政策依据</th><th>测算金额</th><th>申请编号</th></tr></thead><tbody>
${rows}
</tbody></table>
<p>公示期为${escapeHtml(period)}。如有异议,请在公示期内以书面形式实名提出,写明事实和理由并提供联系方式;单位提出的须加盖公章。匿名异议不予受理。</p>
<p>受理方式:${escapeHtml(n.contact)}。</p>
<div class="sign"><div>${escapeHtml(n.issuer)}</div><div>${cn(n.startsOn)}</div></div>
</body></html>`;
}
