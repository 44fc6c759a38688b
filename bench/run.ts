// `npm run bench [name...]`: every benchmark, each a ratio against a baseline measured in the same run (or a
// latency against its target), printed as one table. Not part of `npm test`: figures on a shared CI machine
// are noise, so benchmarks report and never fail a build.
import os from "node:os";
import { benchGraderVsCli } from "./grader-vs-cli";
import { benchResolverOverhead } from "./resolver-overhead";
import { benchFailFast } from "./fail-fast";
import { run as firstEvent } from "./first-event";
import { run as progressWrite } from "./progress-write";
import { run as lessonThroughput } from "./lesson-throughput";
import { run as lighthouse } from "./lighthouse";

const benches: Record<string, () => Promise<unknown>> = {
  "grader-vs-cli": () => benchGraderVsCli(5),
  "resolver-overhead": () => benchResolverOverhead(3),
  "fail-fast": () => Promise.resolve(benchFailFast(3)),
  "progress-write": () => progressWrite({ writes: 500 }),
  "first-event": () => firstEvent({ samples: 20 }),
  "lesson-throughput": () => lessonThroughput({ seconds: 10 }),
  lighthouse: () => lighthouse(),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in benches));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(benches).join(", ")}`);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)}`);
  for (const name of wanted.length ? wanted : Object.keys(benches)) {
    const bench = benches[name];
    if (!bench) continue;
    console.log(`\n▶ ${name}`);
    console.log(JSON.stringify(await bench(), null, 2));
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
