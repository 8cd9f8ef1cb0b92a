// Who is acting: a signed-in user (web/API) or an operator at the command line. Use cases receive
// an Actor and never look at HTTP or process state themselves.
import type { Role } from './access/roles.ts';

export type { Role };

export interface Actor {
  userId: string | null;
  /** The username (login name). */
  name: string;
  /** The person's name as people read it in histories and sign-offs (姓名); the username when absent. */
  displayName?: string;
  role: Role;
  regionId: string | null;
  enterpriseId: string | null;
  /** Providers and supervisors: their service organisation (they see only its work). */
  organisationId?: string | null;
  /** Department officers: the 责任单位 whose indicators they report. */
  departmentId?: string | null;
  ip: string | null;
}
