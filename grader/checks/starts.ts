import { fail, pass, type Check } from "./check";

export const starts: Check = {
  id: "starts",
  uses: ["app"],
  async run(s) {
    const started = await s.startApp();
    if (!started.ok) return fail(started.message, started.evidence);
    const { app } = started;
    const state = await app.state();
    if (!state.running) {
      const why = state.oomKilled ? "was killed for using more memory than allowed" : state.limit ? `was stopped because ${state.limit}` : `exited with code ${state.exitCode}`;
      return fail(`The container ${why} instead of staying up.`, await app.evidence());
    }
    if (app.misbound) return pass(`The container is up, but its app cannot be reached on port ${app.port}; see the responds check.`);
    return pass(`The container is up (${app.readiness} after ${(app.waitedMs / 1000).toFixed(1)} s).`);
  },
};
