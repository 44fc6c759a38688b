import { healthProbeIntervalMs } from "@/grader/sandbox/app-container";
import { fail, pass, SkipCheck, type Check } from "./check";

export const healthy: Check = {
  id: "healthy",
  uses: ["app"],
  async run(s) {
    const image = await s.image();
    if (!image.config.healthcheck?.Test || image.config.healthcheck.Test[0] === "NONE") return fail("The image declares no HEALTHCHECK, so Docker cannot report it healthy.");
    const started = await s.startApp();
    if (!started.ok) throw new SkipCheck("The container did not start; see the starts check.");
    const { app } = started;
    if (app.readiness === "healthy") return pass(`Docker reported the container healthy after ${(app.waitedMs / 1000).toFixed(1)} s (checked every ${healthProbeIntervalMs} ms).`);
    const state = await app.state();
    const why = app.readiness === "unhealthy" ? "reported unhealthy" : app.readiness === "exited" ? "stopped before it was healthy" : "did not become healthy in time";
    return fail(`The container ${why}; see the health log.`, { health: state.health, test: image.config.healthcheck.Test, logTail: await app.logTail(10) });
  },
};
