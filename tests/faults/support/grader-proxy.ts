// A loopback HTTP proxy in front of a test grader. It counts the gradings each submission was sent for and notes
// when one was sent while an earlier sending of it was still open (two instances grading one submission at once),
// so "claimed by one instance at a time" is read off the wire, not off the web's own bookkeeping. It can cut the connection in
// the middle of the verdict line, the moment a grading would have ended, as a dropped load-balancer connection
// or a grader pod evicted mid-answer would.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface GraderProxy {
  url: string;
  /** Gradings per submission id the grader accepted (answered 200 to POST /v1/gradings). */
  sends: Map<string, number>;
  /** Submission ids sent again while an earlier sending of theirs was still streaming. */
  overlapping: Set<string>;
  /** Cuts the next `count` event streams halfway through their verdict line. */
  cutVerdicts(count: number): void;
  /** Streams cut so far. */
  cut(): number;
  close(): Promise<void>;
}

const verdictMarker = '"type":"verdict"';

export async function startGraderProxy(graderUrl: string, port: number): Promise<GraderProxy> {
  const upstream = new URL(graderUrl);
  const sends = new Map<string, number>();
  const open = new Map<string, number>();
  const overlapping = new Set<string>();
  let toCut = 0;
  let cut = 0;
  const server = http.createServer((req, res) => {
    const body: Buffer[] = [];
    req.on("data", (c: Buffer) => body.push(c));
    req.on("end", () => {
      const payload = Buffer.concat(body);
      const grading = req.method === "POST" && req.url === "/v1/gradings";
      const id = grading ? ((JSON.parse(payload.toString("utf8")) as { submissionId?: string }).submissionId ?? "?") : null;
      if (id) {
        if (open.get(id)) overlapping.add(id);
        open.set(id, (open.get(id) ?? 0) + 1);
        res.once("close", () => open.set(id, (open.get(id) ?? 1) - 1));
      }
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          if (id && answer.statusCode === 200) sends.set(id, (sends.get(id) ?? 0) + 1);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          let cutting = false;
          answer.on("data", (chunk: Buffer) => {
            if (cutting) return;
            const at = chunk.indexOf(verdictMarker);
            if (at >= 0 && toCut > 0) {
              toCut--;
              cut++;
              cutting = true;
              answer.destroy();
              // Half the verdict line goes out, then the connection dies without the end of the chunked body.
              res.write(chunk.subarray(0, at + verdictMarker.length + 20), () => res.socket?.destroy());
              return;
            }
            res.write(chunk);
          });
          answer.on("end", () => {
            if (!cutting) res.end();
          });
          answer.on("error", () => res.socket?.destroy());
        },
      );
      forward.on("error", () => res.socket?.destroy());
      // A web instance that dies takes its connection with it; the grader must see that too, as without the proxy.
      res.once("close", () => forward.destroy());
      forward.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sends,
    overlapping,
    cutVerdicts: (count) => (toCut += count),
    cut: () => cut,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
