// What the Compose checks share: the project as the policy decided it, and the project brought up. A check that
// needs what never came to be says which check to read instead (house style: a skipped check says why).
import type { ComposeGrading, Prepared, UpOutcome } from "@/grader/compose/compose-grading";
import { SkipCheck, type GradingSession } from "./check";

export type AcceptedProject = Extract<Prepared, { ok: true }>;

export async function acceptedProject(s: GradingSession): Promise<{ compose: ComposeGrading; project: AcceptedProject }> {
  const compose = await s.compose();
  const project = await compose.prepare();
  if (!project.ok) throw new SkipCheck("The Compose file was refused; see compose-valid.");
  return { compose, project };
}

export async function runningProject(s: GradingSession): Promise<{ compose: ComposeGrading; project: AcceptedProject; up: Extract<UpOutcome, { ok: true }> }> {
  const { compose, project } = await acceptedProject(s);
  const up = await compose.up();
  if (!up.ok) throw new SkipCheck("The project did not come up; see compose-healthy.");
  const api = up.services.find((x) => x.service === project.api.name);
  if (api?.state !== "healthy" && api?.state !== "running") throw new SkipCheck(`The API service is ${api?.state ?? "not running"}; see compose-healthy.`);
  return { compose, project, up };
}
