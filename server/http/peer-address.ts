// Stamps the socket's peer address onto every incoming request's headers before Next sees it, through Node's
// public diagnostics channel for HTTP servers (published before the 'request' event). Next keeps a client's own
// X-Forwarded-For and adds nothing when one is present, so without this a route could not tell the two apart.
// Installed once per process from instrumentation.ts; tests install it on their own HTTP servers.
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { peerAddressHeader } from "@/server/auth/client-address";

const holder = globalThis as unknown as { __shipshapePeerStamp?: boolean };

export function stampPeerAddresses(): void {
  if (holder.__shipshapePeerStamp) return;
  holder.__shipshapePeerStamp = true;
  diagnostics.subscribe("http.server.request.start", (message) => {
    const { request } = message as { request: IncomingMessage };
    // Overwrites, never appends: a client-sent header of this name is gone before anything reads it.
    request.headers[peerAddressHeader] = request.socket.remoteAddress ?? "unknown";
  });
}
