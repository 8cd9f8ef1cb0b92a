// 2022年扬州市"智改数转"目标 — the table at the end of 扬府发〔2022〕20号 附件2, transcribed row by
// row (序号 1–8). The eight rows are the 评分对象 of 附件2 一 ("各县(市、区)、经济技术开发区、生态科技
// 新城"); 蜀冈—瘦西湖风景名胜区 (yz-shouxihu) is a region of the city but is not scored and has no row.
// Region ids are the ones of the regions seed (yz-…).
import type { TargetTable } from './target-table.ts';
import { validateTargetTable } from './target-table.ts';

export const YANGZHOU_2022_REFERENCE = '扬府发〔2022〕20号 附件2《2022年扬州市“智改数转”目标》';

export const TARGETS_2022: TargetTable = validateTargetTable({
  year: 2022,
  reference: YANGZHOU_2022_REFERENCE,
  regions: [
    { regionId: 'yz-baoying', regionName: '宝应县', retrofit: 30, cloud: 70, portrait: 60, benchmark: 25, coverageBasisPoints: 4000 },
    { regionId: 'yz-gaoyou', regionName: '高邮市', retrofit: 40, cloud: 80, portrait: 80, benchmark: 25, coverageBasisPoints: 4000 },
    { regionId: 'yz-yizheng', regionName: '仪征市', retrofit: 30, cloud: 70, portrait: 60, benchmark: 25, coverageBasisPoints: 4000 },
    { regionId: 'yz-jiangdu', regionName: '江都区', retrofit: 40, cloud: 80, portrait: 80, benchmark: 25, coverageBasisPoints: 4000 },
    { regionId: 'yz-hanjiang', regionName: '邗江区', retrofit: 30, cloud: 70, portrait: 60, benchmark: 25, coverageBasisPoints: 4000 },
    { regionId: 'yz-guangling', regionName: '广陵区', retrofit: 15, cloud: 30, portrait: 30, benchmark: 25, coverageBasisPoints: 4000 },
    { regionId: 'yz-etdz', regionName: '经济技术开发区', retrofit: 10, cloud: 15, portrait: 20, benchmark: 25, coverageBasisPoints: 4000 },
    { regionId: 'yz-eco', regionName: '生态科技新城', retrofit: 5, cloud: 5, portrait: 10, benchmark: 5, coverageBasisPoints: 4000 },
  ],
});

/** Built-in target tables by year; later years are set by the city (database / Excel import). */
export const BUILT_IN_TARGETS: ReadonlyMap<number, TargetTable> = new Map([[2022, TARGETS_2022]]);
