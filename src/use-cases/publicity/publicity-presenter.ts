import type { BatchRow, ObjectionRow } from '../../db/repositories/publicity-repository.ts';

export function presentBatch(b: BatchRow) {
  return {
    id: b.id, city: b.city, title: b.title, startsOn: b.startsOn, endsOn: b.endsOn, length: b.length, unit: b.unit as 'calendar' | 'working',
    status: b.status as 'open' | 'closed', contact: b.contact, createdBy: b.createdBy, createdAt: b.createdAt.toISOString(), closedAt: b.closedAt?.toISOString() ?? null,
  };
}

/** The objector's phone is kept for the office, never shown on the public notice. */
export function presentObjection(o: ObjectionRow) {
  return {
    id: o.id, batchId: o.batchId, applicationId: o.applicationId, name: o.name, organisation: o.organisation, phone: o.phone,
    content: o.content, receivedOn: o.receivedOn, status: o.status as 'open' | 'upheld' | 'dismissed', resolution: o.resolution,
    resolvedBy: o.resolvedBy, resolvedAt: o.resolvedAt?.toISOString() ?? null, recordedBy: o.recordedBy,
  };
}
