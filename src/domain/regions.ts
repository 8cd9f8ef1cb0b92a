// The regions both texts name. Yangzhou: the city and the nine regions the 实施意见 addresses
// (附件2 scores eight of them; 蜀冈—瘦西湖风景名胜区 is addressed but not in the 评分对象).
// Suzhou: the city, its county-level cities and districts, and the zones the notice names
// (苏州工业园区, 苏州高新区, 太仓港口). 苏州高新区 shares its administration with 虎丘区, so it
// appears once. Admin codes of zones are those of the district that hosts them.
export type City = 'yangzhou' | 'suzhou';
export type RegionLevel = 'city' | 'county' | 'district' | 'zone';

export interface RegionSeed {
  id: string;
  city: City;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  adminCode: string;
  /** One of the 评分对象 of 扬府发〔2022〕20号 附件2. */
  scored: boolean;
}

const yz = (id: string, name: string, level: RegionLevel, adminCode: string, scored: boolean): RegionSeed =>
  ({ id, city: 'yangzhou', name, level, parentId: level === 'city' ? null : 'yz', adminCode, scored });
const sz = (id: string, name: string, level: RegionLevel, adminCode: string): RegionSeed =>
  ({ id, city: 'suzhou', name, level, parentId: level === 'city' ? null : 'sz', adminCode, scored: false });

export const REGIONS: readonly RegionSeed[] = [
  yz('yz', '扬州市', 'city', '321000', false),
  yz('yz-baoying', '宝应县', 'county', '321023', true),
  yz('yz-gaoyou', '高邮市', 'county', '321084', true),
  yz('yz-yizheng', '仪征市', 'county', '321081', true),
  yz('yz-jiangdu', '江都区', 'district', '321012', true),
  yz('yz-hanjiang', '邗江区', 'district', '321003', true),
  yz('yz-guangling', '广陵区', 'district', '321002', true),
  yz('yz-etdz', '经济技术开发区', 'zone', '321091', true),
  yz('yz-eco', '生态科技新城', 'zone', '321002', true),
  yz('yz-shouxihu', '蜀冈—瘦西湖风景名胜区', 'zone', '321003', false),
  sz('sz', '苏州市', 'city', '320500'),
  sz('sz-changshu', '常熟市', 'county', '320581'),
  sz('sz-zhangjiagang', '张家港市', 'county', '320582'),
  sz('sz-kunshan', '昆山市', 'county', '320583'),
  sz('sz-taicang', '太仓市', 'county', '320585'),
  sz('sz-gusu', '姑苏区', 'district', '320508'),
  sz('sz-wuzhong', '吴中区', 'district', '320506'),
  sz('sz-xiangcheng', '相城区', 'district', '320507'),
  sz('sz-wujiang', '吴江区', 'district', '320509'),
  sz('sz-sip', '苏州工业园区', 'zone', '320571'),
  sz('sz-snd', '苏州高新区(虎丘区)', 'zone', '320505'),
  sz('sz-taicang-port', '太仓港口', 'zone', '320585'),
];

export const REGION_IDS = new Set(REGIONS.map((r) => r.id));
export const regionById = (id: string) => REGIONS.find((r) => r.id === id);
