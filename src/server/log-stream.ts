// Where the server's log goes. In a terminal a person reads it: one coloured line per entry with
// the time, level and message (pino-pretty). Anywhere else (a service manager, a container, a file)
// it stays pino's JSON lines, one object each, for a log collector. LOG_FORMAT=json|pretty overrides.
import type { DestinationStream } from 'pino';
import pretty from 'pino-pretty';

export function serverLogStream(env: NodeJS.ProcessEnv = process.env, tty = process.stdout.isTTY === true, destination?: NodeJS.WritableStream): DestinationStream | null {
  const format = env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty' ? env.LOG_FORMAT : tty ? 'pretty' : 'json';
  if (format === 'json') return null;
  return pretty({ colorize: tty, translateTime: 'SYS:yyyy-mm-dd HH:MM:ss', ignore: 'pid,hostname', singleLine: true, sync: true, ...(destination ? { destination } : {}) });
}
