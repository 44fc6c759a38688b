// Next calls register() once when a server instance starts: the moment to stamp each request with its socket's
// peer address (server/http/peer-address.ts) and to re-dispatch gradings a crash or a restart left queued or
// running (DESIGN §1: a submission is never lost).
export async function register(): Promise<void> {
  // eslint-disable-next-line no-restricted-syntax -- Next inlines NEXT_RUNTIME at build time; it is not configuration.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before the first request: rate limits key on the socket's peer, which only this hook can see.
  (await import("./server/http/peer-address")).stampPeerAddresses();
  const { recoverInterruptedGradings } = await import("./server/grading/grading-service");
  try {
    await recoverInterruptedGradings();
  } catch (error) {
    // The web must come up even if the database is not ready yet; the next start tries again.
    console.error("could not re-dispatch interrupted gradings at start-up", error);
  }
}
