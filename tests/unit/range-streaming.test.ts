import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBody } from '~/utils/remix-express.server';

/**
 * The response writer used by server.ts must respect backpressure: a player that stops
 * reading (paused video) must not make the server pull the rest of a large file into memory,
 * and a player that goes away must stop the read.
 */
const CHUNK = 64 * 1024;
const TOTAL = 512 * 1024 * 1024; // a 512 MiB "file", generated on demand

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

function serve(onBody: (state: { pulled: number; cancelled: boolean }) => void) {
  const state = { pulled: 0, cancelled: false };
  onBody(state);
  const chunk = new Uint8Array(CHUNK);
  server = createServer((req, res) => {
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (state.pulled >= TOTAL) return controller.close();
          state.pulled += CHUNK;
          controller.enqueue(chunk);
        },
        cancel() {
          state.cancelled = true;
        },
      },
      { highWaterMark: 1 },
    );
    res.writeHead(200, { 'Content-Type': 'video/mp4' });
    void writeBody(res, body);
  });
  return new Promise<number>((resolve) =>
    server!.listen(0, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port)),
  );
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('writeBody (streamed responses)', () => {
  it('stops pulling from the body while the client is not reading, and cancels it when the client leaves', async () => {
    let state = { pulled: 0, cancelled: false };
    const port = await serve((s) => (state = s));
    const req = httpRequest({ host: '127.0.0.1', port, path: '/' });
    const response = await new Promise<import('node:http').IncomingMessage>((resolve) => {
      req.on('response', resolve);
      req.end();
    });
    response.pause(); // a player whose buffer is full
    await wait(500);
    const pulledWhilePaused = state.pulled;
    await wait(500);
    // Only socket buffers' worth was read ahead (a few MiB at most), and it stopped growing.
    expect(pulledWhilePaused).toBeLessThan(32 * 1024 * 1024);
    expect(state.pulled).toBe(pulledWhilePaused);

    response.destroy();
    req.destroy();
    for (let i = 0; i < 50 && !state.cancelled; i += 1) await wait(20);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(TOTAL);
  });
});
