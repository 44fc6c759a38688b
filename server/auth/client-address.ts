// The client address limits are counted under. X-Forwarded-For is written by whoever sent the request, so it is
// believed only as far as our own proxies wrote it: with TRUSTED_PROXY_HOPS = n, the chain is the header's
// entries followed by the socket's peer, and the client is the n-th address from the right. With 0 (the default)
// the header is ignored and the socket's peer is the client. Next does not hand the socket to route handlers or
// actions, so server/http/peer-address.ts stamps it onto each request's headers as it arrives (and overwrites
// any value a client sent under that name).
export const peerAddressHeader = "x-shipshape-peer-address";

export function clientAddress(headers: Headers, trustedHops: number): string {
  const peer = headers.get(peerAddressHeader)?.trim() || "unknown";
  if (trustedHops === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  // Fewer entries than trusted hops: the request skipped a proxy; the leftmost is the best we have.
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? peer;
}
