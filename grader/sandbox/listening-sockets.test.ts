import { describe, expect, it } from "vitest";
import { BindWatch, misbinding, parseProcNetTcp, readListeningSockets, type ListeningSocket } from "./listening-sockets";

// Verbatim shapes of the kernel's tables (header, a LISTEN socket, an ESTABLISHED one).
const tcp = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 81234 1 0000000000000000 100 0 0 10 0
   1: 00000000:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 81235 1 0000000000000000 100 0 0 10 0
   3: 0B00007F:9C4B 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 81237 1 0000000000000000 100 0 0 10 0
   2: 0200A8C0:1388 0100A8C0:D431 01 00000000:00000000 00:00000000 00000000     0        0 81236 1 0000000000000000 20 4 30 10 -1
`;
const tcp6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:0BB8 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 9 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 9 1 0000000000000000 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:2328 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 9 1 0000000000000000 100 0 0 10 0
`;

describe("parseProcNetTcp", () => {
  it("reads LISTEN sockets of both tables, with addresses in the kernel's byte order and ports in hex; not the engine's DNS", () => {
    expect(parseProcNetTcp(tcp + tcp6)).toEqual([
      { address: "127.0.0.1", port: 8000 },
      { address: "0.0.0.0", port: 5000 },
      { address: "::1", port: 3000 },
      { address: "::", port: 8080 },
      { address: "::ffff:127.0.0.1", port: 9000 },
    ]);
  });

  it("ignores headers, connections and junk", () => {
    expect(parseProcNetTcp("garbage\n\n  sl local_address\n")).toEqual([]);
  });
});

describe("misbinding", () => {
  const at = (address: string, port: number): ListeningSocket => ({ address, port });

  it("is null when the app can be reached on the port (any address, IPv4 or IPv6), or listens nowhere yet", () => {
    expect(misbinding([at("0.0.0.0", 5000)], 5000)).toBeNull();
    expect(misbinding([at("::", 5000), at("127.0.0.1", 9000)], 5000)).toBeNull();
    expect(misbinding([at("172.18.0.2", 5000)], 5000)).toBeNull();
    expect(misbinding([], 5000)).toBeNull();
  });

  it("names where the app listens and what the exercise publishes", () => {
    expect(misbinding([at("127.0.0.1", 8000)], 5000)).toBe("Your app listens on 127.0.0.1:8000; the exercise publishes port 5000. Make it listen on 0.0.0.0:5000.");
    expect(misbinding([at("0.0.0.0", 8000)], 5000)).toMatch(/^Your app listens on 0\.0\.0\.0:8000; the exercise publishes port 5000/);
    expect(misbinding([at("127.0.0.1", 5000), at("::1", 5000)], 5000)).toBe(
      "Your app listens on 127.0.0.1:5000, [::1]:5000; the exercise publishes port 5000. Make it listen on 0.0.0.0:5000 (all interfaces): 127.0.0.1 is reachable only from inside the container.",
    );
  });
});

describe("readListeningSockets", () => {
  it("accepts cat's output even when tcp6 is missing (exit 1), and gives up on an image without cat", async () => {
    expect(await readListeningSockets(() => Promise.resolve({ exitCode: 1, stdout: tcp }))).toHaveLength(2);
    expect(await readListeningSockets(() => Promise.resolve({ exitCode: 127, stdout: "" }))).toBeNull();
    expect(await readListeningSockets(() => Promise.reject(new Error("exec failed")))).toBeNull();
  });
});

describe("BindWatch", () => {
  it("decides only after the same wrong sockets were seen for the settle time", async () => {
    let sockets: ListeningSocket[] = [];
    const watch = new BindWatch(() => Promise.resolve(sockets), 5000, 1_000, 100);
    expect(await watch.certain(0)).toBeNull();
    sockets = [{ address: "0.0.0.0", port: 9000 }];
    expect(await watch.certain(200)).toBeNull();
    // A second port appears: the clock starts again.
    sockets = [{ address: "0.0.0.0", port: 9000 }, { address: "127.0.0.1", port: 8000 }];
    expect(await watch.certain(900)).toBeNull();
    expect(await watch.certain(1_500)).toBeNull();
    expect((await watch.certain(1_950))?.message).toMatch(/listens on 0\.0\.0\.0:9000, 127\.0\.0\.1:8000/);
  });

  it("never decides once the app listens where it should, and stops reading when sockets cannot be read", async () => {
    const good = new BindWatch(() => Promise.resolve([{ address: "0.0.0.0", port: 5000 }]), 5000, 0, 0);
    expect(await good.certain(0)).toBeNull();
    let reads = 0;
    const blind = new BindWatch(() => (reads++, Promise.resolve(null)), 5000, 0, 0);
    await blind.certain(0);
    await blind.certain(10);
    expect(reads).toBe(1);
  });
});
