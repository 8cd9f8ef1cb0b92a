import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api/client.ts';
import type { Region } from '../api/types.ts';

export function useRegions() {
  const query = useQuery({ queryKey: ['regions'], queryFn: () => api.get<Region[]>('/regions'), staleTime: Infinity });
  const byId = useMemo(() => new Map((query.data ?? []).map((r) => [r.id, r])), [query.data]);
  /** Regions an enterprise can belong to (not the two cities themselves). */
  const local = useMemo(() => (query.data ?? []).filter((r) => r.level !== 'city'), [query.data]);
  const name = (id: string | null | undefined) => (id ? byId.get(id)?.name ?? id : '—');
  return { regions: query.data ?? [], local, byId, name, isLoading: query.isPending };
}

/** antd Select options grouped by city. */
export function regionOptions(regions: Region[]) {
  const group = (city: 'yangzhou' | 'suzhou', label: string) => ({
    label, options: regions.filter((r) => r.city === city).map((r) => ({ value: r.id, label: r.name })),
  });
  return [group('yangzhou', '扬州市'), group('suzhou', '苏州市')].filter((g) => g.options.length);
}
