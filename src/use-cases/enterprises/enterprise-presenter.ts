import type { CertificationRow, EnterpriseRow } from '../../db/repositories/enterprise-repository.ts';

export function presentEnterprise(e: EnterpriseRow, certs: CertificationRow[] = []) {
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
    certifications: certs.map((c) => ({ kind: c.kind as 'integration' | 'cloud' | 'recognition', level: c.level, title: c.title, year: c.year })),
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
export type EnterpriseView = ReturnType<typeof presentEnterprise>;
