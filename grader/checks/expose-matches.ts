import { fail, pass, type Check } from "./check";

export const exposeMatches: Check = {
  id: "expose-matches",
  run(s) {
    if (!s.dockerfile) return fail("No Dockerfile to read.");
    const declared = s.dockerfile.finalStage.instructions
      .filter((i) => i.keyword === "EXPOSE")
      .flatMap((i) => i.args.map((a) => ({ line: i.line, port: Number.parseInt(a, 10), proto: a.split("/")[1] ?? "tcp" })))
      .filter((p) => p.proto === "tcp" && Number.isInteger(p.port));
    const ports = declared.map((p) => p.port);
    const wanted = s.spec.app.port;
    if (wanted === "expose") {
      if (ports.length === 0) return fail("The final stage has no EXPOSE, and this exercise takes the app's port from it.");
      return pass(`EXPOSE ${ports.join(" ")}; the grader probes port ${ports[0]}.`, { exposed: ports });
    }
    if (ports.includes(wanted)) return pass(`EXPOSE includes ${wanted}, the port the app listens on.`, { exposed: ports });
    if (ports.length === 0) return fail(`The final stage has no EXPOSE; the app listens on ${wanted}.`, { exposed: ports });
    return fail(`EXPOSE ${ports.join(" ")} does not include ${wanted}, the port the app listens on.`, { exposed: ports, listens: wanted });
  },
};
