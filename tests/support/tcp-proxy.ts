/**
 * A TCP proxy on 127.0.0.1 in front of PostgreSQL, so a test can take the database away from
 * the app (and give it back) without touching the real server, which other test files share.
 *
 * `cut()` is what a restart or failover looks like from the app's side: every open connection
 * drops at once, and new connections are accepted and immediately closed until `restore()`.
 */
import net from 'node:net';

export interface TcpProxy {
  /** The postgres URL it was made from, pointing at the proxy instead. */
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(postgresUrl: string): Promise<TcpProxy> {
  const target = new URL(postgresUrl);
  const targetHost = target.hostname || '127.0.0.1';
  const targetPort = Number(target.port || 5432);
  const open = new Set<net.Socket>();
  let down = false;

  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: targetHost, port: targetPort });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.setNoDelay(true);
      // Either side failing or closing ends the pair, as a dropped connection would.
      socket.on('error', () => drop());
      socket.on('close', () => drop());
    }
    function drop() {
      for (const socket of [client, upstream]) {
        open.delete(socket);
        socket.destroy();
      }
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(postgresUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  const destroyAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };

  return {
    url: url.toString(),
    cut() {
      down = true;
      destroyAll();
    },
    restore() {
      down = false;
    },
    async close() {
      down = true;
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
