// clientSignal against a real server and raw sockets: the work on an upload must learn that its
// client left whichever way it left, and a kept-alive connection must not collect listeners.
import Fastify, { type FastifyInstance } from 'fastify';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientSignal } from './uploads.ts';

let app: FastifyInstance;
let port = 0;
/** What each /wait request's signal did, by request id: aborted at creation, or later. */
const seen = new Map<string, 'at-start' | 'later' | 'answered'>();
let endListeners: number[] = [];

beforeAll(async () => {
  app = Fastify();
  app.addHook('onRequest', async (req) => {
    // As a session check would: the route begins a moment after the request arrived.
    if (req.url.includes('slow')) await new Promise((r) => setTimeout(r, 150));
  });
  app.get('/wait', async (req, reply) => {
    const id = (req.query as { id: string }).id;
    const signal = clientSignal(reply);
    if (signal.aborted) {
      seen.set(id, 'at-start');
      return 'gone';
    }
    const outcome = await new Promise<'later' | 'answered'>((resolve) => {
      signal.addEventListener('abort', () => resolve('later'));
      setTimeout(() => resolve('answered'), 1500);
    });
    seen.set(id, outcome);
    return outcome;
  });
  app.get('/quick', async (req, reply) => {
    clientSignal(reply);
    endListeners.push(req.raw.socket.listenerCount('end'));
    return 'ok';
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(async () => { await app.close(); });

async function open(): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return socket;
}
const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
const settled = (id: string) => expect.poll(() => seen.get(id), { timeout: 5000 });

describe('clientSignal: the work on an upload learns that its client left', () => {
  it('a client that ends its side while the route works aborts it', async () => {
    const socket = await open();
    socket.write(get('/wait?id=half'));
    await new Promise((r) => setTimeout(r, 100));
    socket.end();
    await settled('half').toBe('later');
    socket.destroy();
  });

  it('a client that closes the connection while the route works aborts it', async () => {
    const socket = await open();
    socket.write(get('/wait?id=closed'));
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    await settled('closed').toBe('later');
  });

  it('a client gone before the route began is seen as gone when the route asks', async () => {
    const socket = await open();
    await new Promise<void>((resolve) => socket.end(get('/wait?id=early&slow=1'), () => resolve()));
    socket.destroy();
    await settled('early').toBe('at-start');
  });

  it('a client that stays is answered, and the signal never fires', async () => {
    const socket = await open();
    let body = '';
    socket.on('data', (d) => { body += d.toString(); });
    socket.write(get('/wait?id=stays'));
    await settled('stays').toBe('answered');
    await expect.poll(() => body, { timeout: 5000 }).toContain('answered');
    socket.destroy();
  });

  it('twenty requests on one kept-alive connection leave no listener behind on its socket', async () => {
    endListeners = [];
    const socket = await open();
    let answers = 0;
    socket.on('data', (d) => { answers += d.toString().split('HTTP/1.1 200').length - 1; });
    for (let i = 0; i < 20; i++) {
      const before = answers;
      socket.write(get('/quick'));
      await expect.poll(() => answers, { timeout: 5000 }).toBe(before + 1);
    }
    socket.destroy();
    expect(endListeners).toHaveLength(20);
    // Each request sees the same count: its own listener and Node's, none left from the ones before.
    expect(new Set(endListeners).size).toBe(1);
  });
});
