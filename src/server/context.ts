import type {} from '@fastify/cookie';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from '../config/env.ts';
import type { Database } from '../db/client.ts';
import type { FileStore } from '../io/file-store.ts';
import type { Actor } from '../domain/actor.ts';
import type { ApiRoute } from './access/access-hook.ts';
import type { Permission } from '../domain/access/index.ts';

export interface AppContext {
  database: Database;
  /**
   * Where report pages read (score sheets, tracking, forecast, bulletins, dashboards): the read
   * replica when DATABASE_REPLICA_URL is set, else `database`. A replica may lag, so nothing that
   * decides or writes reads here; sessions and access are always checked on `database`.
   */
  reports: Database;
  config: AppConfig;
  demo: boolean;
  /** Uploaded files, by SHA-256. */
  files: FileStore;
  /** The business date every rule that reads 'today' uses (the configured demo date, or today in China). */
  today(): string;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    apiRoutes: ApiRoute[];
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
export type RouteApp = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** The actor of a route whose permission requires sign-in (the access hook guarantees it). */
export function requireActor(req: { actor: Actor | null }): Actor {
  if (!req.actor) throw new Error('access hook did not run');
  return req.actor;
}
