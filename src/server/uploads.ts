// Routes that parse an upload (imports, batch matching) read it through here: the body within its
// size bound, and a signal that fires when the client goes away, so the work on its file stops
// instead of running on for minutes for nobody (and an import it started commits nothing).
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalid } from '../domain/errors.ts';
import { overLimit, readUpload, type UploadLimits } from '../io/upload-limits.ts';

/**
 * Aborts when the connection closes before the answer has been sent — including a connection that
 * closed before the route began (while its session was being checked): its 'close' has already
 * been emitted, and a body it had fully sent can still be read, so only asking the socket tells.
 */
export function clientSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const res = reply.raw;
  if (res.destroyed || reply.request.raw.socket?.destroyed) {
    controller.abort();
    return controller.signal;
  }
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.once('close', onClose);
  return controller.signal;
}

/** The request body as a stream (the route's content-type parser passes it through unread). */
export function bodyStream(req: FastifyRequest, expected: string): Readable {
  const body = req.body as Readable | undefined;
  if (!body || typeof body.pipe !== 'function') throw invalid('content-type', `请上传文件,Content-Type 须为 ${expected}`);
  return body;
}

/**
 * Reads the whole upload into memory within `limits.bytes`: a declared Content-Length over the
 * bound is refused before a byte is read, a body that grows past it as soon as it does. A refused
 * upload closes the connection after the answer (the client may still be sending).
 */
export async function uploadBody(req: FastifyRequest, reply: FastifyReply, expected: string, limits: UploadLimits, signal: AbortSignal): Promise<Buffer> {
  const body = bodyStream(req, expected);
  try {
    const declared = Number(req.headers['content-length']);
    if (declared > limits.bytes) throw overLimit(limits, 'bytes');
    return await readUpload(body, limits, signal);
  } catch (e) {
    reply.header('connection', 'close');
    body.on('error', () => {});
    body.resume();
    throw e;
  }
}
