// Which TCP ports the learner's app listens on, read inside its running container, so a container that listens on
// the wrong port (or on 127.0.0.1 only, which the published port cannot reach) is judged in about a second instead
// of after the whole ready timeout. The kernel's own tables (/proc/net/tcp and tcp6, the container's network
// namespace) are read with `cat`, the one tool nearly every image has; an image without it (scratch, distroless)
// gives no answer and the grading simply waits as before.

export interface ListeningSocket {
  address: string;
  port: number;
}

const listenState = "0A";

/**
 * Docker's embedded DNS server on user-defined networks listens inside every container's namespace, on this fixed
 * address; it is never the learner's app.
 */
const engineDns = "127.0.0.11";

/** The LISTEN sockets of /proc/net/tcp and /proc/net/tcp6 text (both tables may be concatenated), the engine's DNS left out. */
export function parseProcNetTcp(text: string): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (!/^\d+:$/.test(fields[0] ?? "") || !local || fields[3] !== listenState) continue;
    const [hexAddress, hexPort] = local.split(":");
    const address = hexAddress?.length === 8 ? ipv4(hexAddress) : hexAddress?.length === 32 ? ipv6(hexAddress) : null;
    if (address === null || address === engineDns || !hexPort) continue;
    sockets.push({ address, port: parseInt(hexPort, 16) });
  }
  return sockets;
}

/** The kernel prints each 32-bit word of an address in host (little-endian) byte order. */
function wordBytes(hex: string): number[] {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function ipv4(hex: string): string {
  return wordBytes(hex).join(".");
}

function ipv6(hex: string): string {
  const bytes = [0, 8, 16, 24].flatMap((i) => wordBytes(hex.slice(i, i + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${bytes.slice(12).join(".")}`;
  const groups = [0, 2, 4, 6, 8, 10, 12, 14].map((i) => (((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  // Shortest form for the two addresses that matter here; others print in full, which is still correct.
  const joined = groups.join(":");
  if (joined === "0:0:0:0:0:0:0:0") return "::";
  if (joined === "0:0:0:0:0:0:0:1") return "::1";
  return joined;
}

const isLoopback = (address: string) => address.startsWith("127.") || address === "::1" || address.startsWith("::ffff:127.");

/** A socket the grader's probe can reach: any address but loopback (the probe comes in on the container's interface). */
export function reaches(socket: ListeningSocket, port: number): boolean {
  return socket.port === port && !isLoopback(socket.address);
}

const shown = (s: ListeningSocket) => (s.address.includes(":") ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`);

/** What to tell the learner when the app listens, but nowhere the exercise can reach; null when it can be reached. */
export function misbinding(sockets: ListeningSocket[], port: number): string | null {
  if (sockets.length === 0 || sockets.some((s) => reaches(s, port))) return null;
  const list = [...new Set(sockets.map(shown))].join(", ");
  const onPort = sockets.some((s) => s.port === port);
  const fix = onPort ? `listen on 0.0.0.0:${port} (all interfaces): 127.0.0.1 is reachable only from inside the container` : `listen on 0.0.0.0:${port}`;
  return `Your app listens on ${list}; the exercise publishes port ${port}. Make it ${fix}.`;
}

export type ExecCat = (cmd: string[]) => Promise<{ exitCode: number | null; stdout: string }>;

/** The container's LISTEN sockets, or null when they cannot be read (no `cat` in the image, no /proc). */
export async function readListeningSockets(exec: ExecCat): Promise<ListeningSocket[] | null> {
  // tcp6 is missing where IPv6 is off: cat still prints tcp, then exits 1.
  const result = await exec(["cat", "/proc/net/tcp", "/proc/net/tcp6"]).catch(() => null);
  if (!result || !/\blocal_address\b/.test(result.stdout)) return null;
  return parseProcNetTcp(result.stdout);
}

/**
 * Decides "listens elsewhere" only once it is certain: the same wrong sockets seen for `settleMs`, so an app that
 * opens a side port first and its real port a moment later is not judged on the first. Reads at most every
 * `everyMs`; once the sockets cannot be read it stops asking and the caller waits as before.
 */
export class BindWatch {
  private seen: { key: string; since: number } | null = null;
  private lastRead = -Infinity;
  private readable = true;

  constructor(
    private readonly read: () => Promise<ListeningSocket[] | null>,
    private readonly port: number,
    private readonly settleMs = 1_000,
    private readonly everyMs = 250,
  ) {}

  /** The learner-facing reason once the app certainly listens only where the exercise cannot reach; else null. */
  async certain(now = performance.now()): Promise<{ message: string; sockets: ListeningSocket[] } | null> {
    if (!this.readable || now - this.lastRead < this.everyMs) return null;
    this.lastRead = now;
    const sockets = await this.read();
    if (sockets === null) {
      this.readable = false;
      return null;
    }
    const message = misbinding(sockets, this.port);
    if (!message) {
      this.seen = null;
      return null;
    }
    const key = sockets.map(shown).sort().join(",");
    if (this.seen?.key !== key) this.seen = { key, since: now };
    return now - this.seen.since >= this.settleMs ? { message, sockets } : null;
  }
}
