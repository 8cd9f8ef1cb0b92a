import type { FundRow } from '../../db/repositories/fund-repository.ts';
import { floorWarning, fundFloor } from '../../domain/funds/money-rules.ts';

export function presentFund(f: FundRow) {
  const floor = fundFloor(f.city, f.level as 'city' | 'county');
  return {
    id: f.id,
    city: f.city,
    year: f.year,
    level: f.level as 'city' | 'county',
    regionId: f.regionId,
    name: f.name,
    budgetFen: f.budgetFen,
    committedFen: f.committedFen,
    disbursedFen: f.disbursedFen,
    remainingFen: f.budgetFen - f.committedFen,
    measures: f.measures,
    floorFen: floor?.floorFen ?? null,
    floorClause: floor?.clause ?? null,
    /** Set when the budget is below the text's floor: accepted, but shown on every page and report. */
    floorWarning: floorWarning(f.city, f.level as 'city' | 'county', f.budgetFen),
    version: f.version,
  };
}
export type FundView = ReturnType<typeof presentFund>;
