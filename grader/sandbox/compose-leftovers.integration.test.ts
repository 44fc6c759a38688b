// A grader that died mid-way through a Compose grading leaves the project's containers, network and named volumes
// on the engine; the next start of a grader of that name removes them all (by the grading label they carry).
import { afterAll, expect, it } from "vitest";
import type { Grader } from "@/grader/grading/grader";
import { requireEngine, testBaseImage, testDocker, ensureTestBaseImage } from "@/grader/test-support/test-base-image";
import { startTestGrader } from "@/grader/test-support/test-grader";
import { labels } from "./labels";

const name = "h18bsweep";
let grader: Grader | undefined;

afterAll(async () => {
  await grader?.close(0);
});

it("removes the containers, networks and volumes a dead grader's Compose project left", { timeout: 120_000 }, async () => {
  await requireEngine();
  await ensureTestBaseImage();
  const docker = testDocker();
  const label = { [labels.grading]: `${name}-deadbeef0001`, "com.docker.compose.project": `${name}-deadbeef0001` };
  const volume = await docker.createVolume({ Name: `${name}-deadbeef0001_db-data`, Labels: label });
  const network = await docker.createNetwork({ Name: `${name}-deadbeef0001_default`, Labels: label });
  const container = await docker.createContainer({ Image: testBaseImage, name: `${name}-deadbeef0001_db_1`, Labels: label, HostConfig: { Binds: [`${volume.name}:/data`] } });
  // Someone else's volume, labelled for another grader: it stays.
  const other = await docker.createVolume({ Name: `${name}x-other`, Labels: { [labels.grading]: `${name}x-deadbeef0002` } });
  try {
    grader = await startTestGrader(name);
    const gone = async (inspect: () => Promise<unknown>) => inspect().then(() => false, (err: { statusCode?: number }) => err.statusCode === 404);
    expect(await gone(() => docker.getContainer(container.id).inspect())).toBe(true);
    expect(await gone(() => docker.getNetwork(network.id).inspect())).toBe(true);
    expect(await gone(() => docker.getVolume(volume.name).inspect())).toBe(true);
    expect(await gone(() => docker.getVolume(other.name).inspect())).toBe(false);
  } finally {
    await docker.getContainer(container.id).remove({ force: true }).catch(() => undefined);
    await docker.getNetwork(network.id).remove().catch(() => undefined);
    for (const v of [volume.name, other.name]) await docker.getVolume(v).remove().catch(() => undefined);
  }
});
