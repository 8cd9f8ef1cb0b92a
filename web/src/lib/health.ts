// The server's business date (the “today” every rule reads) and whether it is a demo date, from the
// public GET /health. Shared by the header (演示日期) and the forms that default to today.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Health } from '../api/types.ts';
import { chinaToday } from './format.ts';

export function useHealth() {
  return useQuery({ queryKey: ['health'], queryFn: () => api.get<Health>('/health'), retry: false, staleTime: Infinity });
}

/**
 * Today as the server reckons it (the demo date on a demo system), else today in China. `known`:
 * the server has answered (or failed to): until then `date` is only the browser's guess, which a
 * printed document must not carry.
 */
export function useBusinessDate(): { date: string; demo: boolean; known: boolean } {
  const health = useHealth();
  return { date: health.data?.businessDate ?? chinaToday(), demo: health.data?.demoDate === true, known: health.isFetched };
}
