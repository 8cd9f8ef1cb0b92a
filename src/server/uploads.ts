// Routes that parse an upload (imports, batch matching) read it through here: the body within its
// size bound, and a signal that fires when the client goes away, so the work on its file stops
// instead of running on for minutes for nobody (and an import it started commits nothing).
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalid } from '../domain/errors.ts';
import { overLimit, readUpload, type UploadLimits } from '../io/upload-limits.ts';

/**
 * Aborts when the client goes away before the answer has been sent: its connection closed, or it
 * ended its side (Node's server then ends the connection too, so no answer could reach it) —
 * including a client gone before the route began (while its session was being checked): the
 * events have already been emitted, and a body it had fully sent can still be read, so only
 * asking the socket tells. 'end' is listened to as well as 'close' because it arrives a loop turn
 * or two earlier, while the work may be about to commit.
 */
export function clientSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const res = reply.raw;
  const socket = reply.request.raw.socket as Socket | null | undefined;
  if (res.destroyed || socket?.destroyed || socket?.readableEnded) {
    controller.abort();
    return controller.signal;
  }
  const onGone = () => {
    if (!res.writableFinished) controller.abort();
  };
  // The socket outlives this request on a kept-alive connection: its listener goes with the answer.
  const detach = () => {
    socket?.off('end', onGone);
    res.off('finish', detach);
  };
  socket?.once('end', onGone);
  res.once('finish', detach);
  res.once('close', () => {
    onGone();
    detach();
  });
  return controller.signal;
}

/** The request body as a stream (the route's content-type parser passes it through unread). */
export function bodyStream(req: FastifyRequest, expected: string): Readable {
  const body = req.body as Readable | undefined;
  if (!body || typeof body.pipe !== 'function') throw invalid('content-type', `请上传文件,Content-Type 须为 ${expected}`);
  return body;
}

/**
 * An upload refused before (or while) it is read: the rest of the body is read and dropped and the
 * connection closed after the answer, so the client, possibly still sending, gets the answer. A
 * body already read whole leaves the connection as it is.
 */
export function refuseUpload(req: FastifyRequest, reply: FastifyReply): void {
  const body = req.body as Readable | undefined;
  if (!body || typeof body.resume !== 'function' || body.readableEnded) return;
  reply.header('connection', 'close');
  body.on('error', () => {});
  body.resume();
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
    refuseUpload(req, reply);
    throw e;
  }
}
