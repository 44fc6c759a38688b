import { fail, pass, type Check } from "./check";
import { matchResponse } from "./match-response";

export const responds: Check = {
  id: "responds",
  uses: ["app"],
  async run(s) {
    const app = await s.app();
    const { probe } = s.spec;
    // Seen in the container's own sockets: certain, and said precisely, without waiting on a probe that cannot answer.
    if (app.misbound) return fail(app.misbound.message, { probe: `${probe.method} ${probe.path}`, port: app.port, listening: app.misbound.sockets, waitedMs: app.waitedMs });
    const res = await app.probe(probe.method, probe.path);
    if (!res.ok) {
      return fail(`Nothing answered HTTP on container port ${app.port} (${res.error}). Does the app listen on 0.0.0.0:${app.port}?`, {
        probe: `${probe.method} ${probe.path}`,
        port: app.port,
        error: res.error,
        ...(await app.evidence()),
      });
    }
    const problems = matchResponse(probe.expect, res, app.greeting);
    const got = { status: res.status, contentType: res.contentType, body: res.body.slice(0, 2000) };
    if (problems.length > 0) return fail(`${probe.method} ${probe.path} answered, but ${problems.join("; ")}.`, { probe: `${probe.method} ${probe.path}`, port: app.port, got });
    return pass(`${probe.method} ${probe.path} on port ${app.port} answered ${res.status} as expected.`, { got });
  },
};
