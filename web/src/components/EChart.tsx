// A small wrapper around echarts.init: only the chart types the app uses are bundled, the chart
// follows its container's size, and the option is replaced whenever it changes.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { reducedMotion } from '../lib/motion.ts';

// No chart sets a title or a dataset; the charts with a mark line (forecast, indicator) register it
// themselves, so the homes do not carry it.
echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** `onEvents`: echarts event handlers (a click that opens the records behind a bar); the chart is then marked clickable. */
export function EChart({ option, height = 320, testId, onEvents }: {
  option: ChartOption; height?: number; testId?: string; onEvents?: Record<string, (p: never) => void>;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const instance = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(node);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(reducedMotion ? { ...option, animation: false } : option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onEvents) return;
    const entries = Object.entries(onEvents);
    for (const [name, fn] of entries) instance.on(name, fn as (p: unknown) => void);
    return () => { for (const [name, fn] of entries) instance.off(name, fn as (p: unknown) => void); };
  }, [onEvents]);

  return <div ref={el} className="zgsz-chart" data-testid={testId} data-clickable={onEvents ? 'true' : undefined} style={{ width: '100%', height }} />;
}

/** The palette of the app's charts: government blue first. */
export const CHART_COLORS = ['#1f4e8c', '#3a86c8', '#f0a020', '#2f9e6e', '#c0504d', '#7a5fb0', '#5bb5c4', '#a0a0a0'] as const;
