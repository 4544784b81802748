import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await t?.close();
});

interface Exchange {
  /** Whether every byte of the body was taken by the server (the write completed). */
  sent: boolean;
  error: string | null;
  response: string;
}

/**
 * A client as curl or Python's http.client behave: headers and the whole body written first,
 * over a plain socket, then the answer read. 8 MB is more than the loopback buffers hold, so the
 * body is only ever sent in full if the server reads it.
 */
function postOversized(path: string, headers: Record<string, string> = {}): Promise<Exchange> {
  const body = Buffer.from(JSON.stringify({ username: 'a', password: 'x'.repeat(8 << 20) }));
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const result: Exchange = { sent: false, error: null, response: '' };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (result.response += chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => (result.error = e.code ?? e.message));
    socket.on('close', () => resolve(result));
    const head = [
      `POST ${path} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      `Content-Length: ${body.length}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(`${head.join('\r\n')}\r\n\r\n`);
    socket.write(body, (error) => {
      if (!error) result.sent = true;
    });
  });
}

describe('a body over the size limit, over a real socket', () => {
  it('is read off and answered 413 PAYLOAD_TOO_LARGE, not reset', async () => {
    const exchange = await postOversized('/api/auth/login');
    expect(exchange.error).toBeNull();
    expect(exchange.sent).toBe(true);
    const [head, body] = exchange.response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(head!.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(body!)).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
    });
  });

  it('answers in English when asked', async () => {
    const exchange = await postOversized('/api/auth/login', { 'Accept-Language': 'en' });
    expect(exchange.error).toBeNull();
    const body = exchange.response.split('\r\n\r\n')[1]!;
    expect(JSON.parse(body)).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
    });
  });

  it('gives fetch the same answer', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'a', password: 'x'.repeat(2 << 20) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
  });
});
