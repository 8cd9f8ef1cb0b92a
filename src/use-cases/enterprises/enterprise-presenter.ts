import type { CertificationRow, EnterpriseRow } from '../../db/repositories/enterprise-repository.ts';

type CertificationKind = 'integration' | 'cloud' | 'recognition';

/** `certs` are the confirmed certifications (what counts); `claims` an enterprise's pending or rejected ones. */
export function presentEnterprise(e: EnterpriseRow, certs: Pick<CertificationRow, 'kind' | 'level' | 'title' | 'year'>[] = [], claims?: CertificationRow[]) {
  return {
    id: e.id,
    uscc: e.uscc,
    name: e.name,
    regionId: e.regionId,
    industryCode: e.industryCode,
    aboveScale: e.aboveScale,
    chains: e.chains,
    legalForm: e.legalForm as 'independent' | 'branch',
    contactName: e.contactName,
    contactPhone: e.contactPhone,
    contactEmail: e.contactEmail,
    address: e.address,
    certifications: certs.map((c) => ({ kind: c.kind as CertificationKind, level: c.level, title: c.title, year: c.year })),
    ...(claims ? { certificationClaims: claims.map(presentClaim) } : {}),
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
export type EnterpriseView = ReturnType<typeof presentEnterprise>;

export function presentClaim(c: CertificationRow) {
  return {
    id: c.id,
    enterpriseId: c.enterpriseId,
    kind: c.kind as CertificationKind,
    level: c.level,
    title: c.title,
    year: c.year,
    status: c.status as 'pending' | 'confirmed' | 'rejected',
    evidence: c.evidence,
    submittedBy: c.submittedByName,
    submittedAt: c.submittedAt?.toISOString() ?? null,
    reviewedBy: c.reviewedByName,
    reviewedAt: c.reviewedAt?.toISOString() ?? null,
    reviewNote: c.reviewNote,
  };
}
export type ClaimView = ReturnType<typeof presentClaim>;
