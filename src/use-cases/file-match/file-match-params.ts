// What a 免申即享 run over the file is asked to do, checked before it is queued: a known policy, a
// real date, overrides the policy accepts, and regions the actor may read within the policy's city.
import { z } from 'zod';
import { dataScope } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { CERTIFICATION_KINDS, INDUSTRIAL_CHAINS } from '../../domain/enterprise/chains.ts';
import { industryCodeProblem } from '../../domain/enterprise/industry.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { FileMatchRun } from '../../domain/policy/file-match.ts';
import { findPolicy } from '../../domain/policy/find.ts';
import type { Policy } from '../../domain/policy/types.ts';
import { REGIONS, regionById } from '../../domain/regions.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { policyLibrary } from '../../io/policy-library.ts';
import { cityOfPolicy } from '../applications/application-support.ts';

export const FILE_MATCH_KIND = 'file_match';

export const fileMatchParamsSchema = z.strictObject({
  policyId: z.string().min(1).max(64),
  date: z.string().describe('评估日 YYYY-MM-DD(中国时间);“本年度”的事实取该年记录'),
  regionId: z.string().max(64).optional().describe('只匹配该县(市、区);地区经办人默认且只能是本地区'),
  industry: z.string().max(5).optional().describe('行业代码或其前缀(GB/T 4754),如 C36'),
  aboveScale: z.boolean().optional().describe('true 只含规上企业,false 只含规下'),
  chain: z.enum(INDUSTRIAL_CHAINS).optional().describe('产业链'),
  certification: z.enum(Object.keys(CERTIFICATION_KINDS) as [keyof typeof CERTIFICATION_KINDS]).optional().describe('持有某类已确认认定:integration 两化融合, cloud 星级上云, recognition 示范称号'),
  overrides: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe('what-if 参数覆盖:参数名 → 取值'),
});
export type FileMatchParams = z.output<typeof fileMatchParamsSchema>;

export interface ResolvedParams {
  readonly params: FileMatchParams;
  readonly policy: Policy;
  /** Regions read: the one asked for, or every region of the policy's city the actor sees. */
  readonly regionIds: string[];
  /** The one region the run reads (a region officer's own, or the one asked for); null for the whole city. */
  readonly region: string | null;
}

export const regionName = (id: string) => regionById(id)?.name ?? id;

export function resolveFileMatchParams(raw: unknown, actor: Actor | null): ResolvedParams {
  const params = parseOrThrow(fileMatchParamsSchema, raw);
  const policy = findPolicy(policyLibrary(), params.policyId, 'policyId');
  if (params.industry !== undefined) {
    const problem = industryCodeProblem(params.industry);
    if (problem) throw invalid('industry', problem);
  }
  // Checks the date and every override against the policy now, not when the job runs.
  new FileMatchRun(policy, { date: params.date, ...(params.overrides && { overrides: params.overrides }) });
  const city = cityOfPolicy(policy);
  const scope = actor ? dataScope(actor) : { kind: 'all' as const };
  if (scope.kind !== 'all' && scope.kind !== 'region') throw new DomainError('FORBIDDEN', '只有市级和县(市、区)经办人可以对企业档案做免申即享匹配');
  const scopeRegion = scope.kind === 'region' ? scope.regionId : null;
  if (params.regionId !== undefined) {
    const region = regionById(params.regionId);
    if (!region || region.level === 'city') throw invalid('regionId', `regionId: 没有县(市、区)“${params.regionId}”`);
    if (scopeRegion && params.regionId !== scopeRegion) {
      throw new DomainError('FORBIDDEN', `regionId: 只能匹配本地区(${regionName(scopeRegion)})的企业`, 'regionId');
    }
    if (region.city !== city) throw invalid('regionId', `regionId: ${region.name}不属于${policy.city},${policy.shortTitle}不适用`);
  }
  const wanted = params.regionId ?? scopeRegion;
  if (wanted && regionById(wanted)?.city !== city) {
    throw invalid('policyId', `policyId: ${policy.shortTitle}适用于${policy.city},不适用于${regionName(wanted)}的企业`);
  }
  const regionIds = wanted ? [wanted] : REGIONS.filter((r) => r.city === city && r.level !== 'city').map((r) => r.id);
  // The region scope is written into the request itself: the job replays it without the actor.
  return { params: { ...params, ...(wanted && { regionId: wanted }) }, policy, regionIds, region: wanted ?? null };
}
