// The shared input layer's first gate: every route's path parameters, query and JSON body pass
// the platform-wide text and number rules (src/domain/input-text.ts) before their own schema runs,
// so a NUL, a lone surrogate or an unsafe integer is refused with its field named, whatever route
// it was sent to, and never reaches the database.
import type { FastifyInstance } from 'fastify';
import { findInputProblem } from '../domain/input-text.ts';
import { DomainError } from '../domain/errors.ts';
import { fieldLabel } from '../domain/field-labels.ts';

const PARTS = [['params', '路径参数'], ['query', '查询参数'], ['body', '请求体']] as const;

export function installInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    for (const [part, label] of PARTS) {
      const problem = findInputProblem(req[part]);
      if (problem) {
        throw new DomainError('INVALID', `${label}中的「${fieldLabel(problem.field, 'zh')}」无效:${problem.message}`, problem.field);
      }
    }
  });
}
