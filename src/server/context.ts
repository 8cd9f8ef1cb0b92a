import type {} from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from '../config/env.ts';
import type { Database } from '../db/client.ts';
import type { Actor } from '../domain/actor.ts';
import type { Permission } from './access/rules.ts';

export interface AppContext {
  database: Database;
  config: AppConfig;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    permission?: Permission;
  }
}

/** A Fastify instance whose route schemas are zod types (what every route file receives). */
export type RouteApp = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  ZodTypeProvider
>;

/** The actor of a route whose permission requires sign-in (the access hook guarantees it). */
export function requireActor(req: { actor: Actor | null }): Actor {
  if (!req.actor) throw new Error('access hook did not run');
  return req.actor;
}
