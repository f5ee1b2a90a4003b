/**
 * Which process holds one end of a TCP connection, read from Linux's /proc: the connection's
 * socket inode from /proc/net/tcp{,6}, then the process with a descriptor on that inode. Lets a
 * test tell which of several server processes answered a request, or which one called an API,
 * with nothing added to the app.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

function socketInodes(localPort: number, remotePort: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …
      const columns = line.trim().split(/\s+/);
      if (columns.length < 10) continue;
      const local = parseInt(columns[1].split(':').pop()!, 16);
      const remote = parseInt(columns[2].split(':').pop()!, 16);
      if (local === localPort && remote === remotePort && columns[9] !== '0')
        inodes.add(columns[9]);
    }
  }
  return inodes;
}

/** The processes among `candidates` holding the socket of local→remote port. */
export function connectionOwners(
  localPort: number,
  remotePort: number,
  candidates: number[],
): number[] {
  const inodes = socketInodes(localPort, remotePort);
  if (inodes.size === 0) return [];
  return candidates.filter((pid) => {
    let descriptors: string[];
    try {
      descriptors = readdirSync(`/proc/${pid}/fd`);
    } catch {
      return false;
    }
    return descriptors.some((fd) => {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        return target.startsWith('socket:[') && inodes.has(target.slice(8, -1));
      } catch {
        return false;
      }
    });
  });
}
