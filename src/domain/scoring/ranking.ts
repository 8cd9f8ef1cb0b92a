// Ranking helpers shared by the rules of 附件2 二(一). `better(a, b) < 0` means a ranks ahead of b;
// 0 means the two are equal on that measure.
import type { ComponentRankTies } from './settings.ts';

export type Better<T> = (a: T, b: T) => number;

/**
 * Rank of each item (1 = best) under the tie method:
 * competition 1,1,3 · dense 1,1,2 · average 1.5,1.5,3. Halves are exact in binary floating
 * point, so sums of these ranks are exact.
 */
export function rankAll<T>(items: readonly T[], better: Better<T>, ties: ComponentRankTies): number[] {
  return items.map((a) => {
    let ahead = 0;
    let equal = 0; // excluding a itself
    const aheadValues: T[] = [];
    for (const b of items) {
      if (b === a) continue;
      const c = better(b, a);
      if (c < 0) {
        ahead += 1;
        if (!aheadValues.some((v) => better(v, b) === 0)) aheadValues.push(b);
      } else if (c === 0) equal += 1;
    }
    switch (ties) {
      case 'competition':
        return ahead + 1;
      case 'dense':
        return aheadValues.length + 1;
      case 'average':
        return ahead + (equal + 2) / 2;
    }
  });
}

/**
 * Place of each item when items with equal keys share the place (并列) and the next item takes the
 * place after all of them: place = 1 + the number of items strictly ahead. This is the reading of
 * "排名第一得…分,其余依次递减…分" used throughout: each region strictly ahead costs one step.
 * Not offered: dense place numbering (1,1,2) — one more project can then split a group of regions
 * ahead into two distinct places and so cost the region a step, which breaks "one more completed
 * project never lowers a region's score" (the property test in properties.test.ts found a case
 * when dense numbering was tried).
 */
export function sharedPlaces<T>(items: readonly T[], better: Better<T>): number[] {
  return items.map((a) => 1 + items.filter((b) => b !== a && better(b, a) < 0).length);
}

/** Points for a place: first − step × (place − 1), never below zero. */
export const placePoints = (first: number, step: number, place: number): number => Math.max(0, first - step * (place - 1));

/** Lexicographic combination of measures. */
export const thenBy =
  <T>(...measures: Better<T>[]): Better<T> =>
  (a, b) => {
    for (const m of measures) {
      const c = m(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
