import net from 'node:net';

export interface RawResponse {
  status: number;
  body: string;
}

/**
 * A minimal HTTP/1.1 keep-alive client: one connection, one request in flight. The load of a
 * benchmark must cost far less CPU than the server it measures (they share two cores here), and
 * `fetch` spends several times more per request than this does. Responses must carry a
 * Content-Length (Fastify's do). A dropped connection rejects the request in flight.
 */
export class KeepAliveConnection {
  private socket: net.Socket | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private pending: {
    resolve: (r: RawResponse) => void;
    reject: (e: Error) => void;
  } | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  private connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.on('error', (e) => this.fail(e));
        socket.on('close', () => this.fail(new Error('connection closed')));
        socket.on('data', (chunk) => this.onData(chunk));
        resolve(socket);
      });
      socket.once('error', reject);
    });
  }

  private fail(error: Error): void {
    this.socket?.destroy();
    this.socket = null;
    this.buffer = Buffer.alloc(0);
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headerEnd = this.buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const head = this.buffer.subarray(0, headerEnd).toString('latin1');
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    const total = headerEnd + 4 + length;
    if (this.buffer.length < total) return;
    const status = Number(head.slice(9, 12));
    const body = this.buffer.subarray(headerEnd + 4, total).toString('utf8');
    this.buffer = this.buffer.subarray(total);
    const pending = this.pending;
    this.pending = null;
    if (/\r\nconnection:\s*close/i.test(head)) {
      this.socket?.destroy();
      this.socket = null;
    }
    pending?.resolve({ status, body });
  }

  async request(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<RawResponse> {
    if (this.pending) throw new Error('one request at a time per connection');
    this.socket ??= await this.connect();
    const payload = body === undefined ? null : Buffer.from(body, 'utf8');
    let head = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    if (payload) head += `content-type: application/json\r\ncontent-length: ${payload.length}\r\n`;
    head += '\r\n';
    const socket = this.socket;
    return new Promise<RawResponse>((resolve, reject) => {
      this.pending = { resolve, reject };
      socket.write(payload ? Buffer.concat([Buffer.from(head, 'latin1'), payload]) : head);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }
}
