import net from 'node:net';
import { once } from 'node:events';

/**
 * A load balancer in front of hubs, at the TCP level: each new connection goes to the first
 * backend that accepts it. When a hub dies, its connections close and the clients' reconnects
 * land on the next one, as behind HAProxy or nginx with websocket transport.
 */
export class TcpBalancer {
  private readonly server = net.createServer((client) => this.route(client));
  private readonly open = new Set<net.Socket>();
  port = 0;

  constructor(private readonly backends: () => number[]) {}

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as net.AddressInfo).port;
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private route(client: net.Socket, tried = 0): void {
    const ports = this.backends();
    const port = ports[tried];
    if (port === undefined) {
      client.destroy();
      return;
    }
    const upstream = net.connect(port, '127.0.0.1');
    upstream.once('error', () => {
      upstream.destroy();
      if (!client.destroyed) this.route(client, tried + 1);
    });
    upstream.once('connect', () => {
      this.open.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const end = (): void => {
        client.destroy();
        upstream.destroy();
        this.open.delete(client);
        this.open.delete(upstream);
      };
      client.on('close', end).on('error', end);
      upstream.on('close', end).on('error', end);
    });
  }
}
