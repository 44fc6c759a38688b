// The grader's background provisioning of the lessons' base images (GRADER_BASE_IMAGES): at start it finds the
// ones its engine lacks and makes them one at a time with the kit (or pulls them), while the service already
// answers. It is the one owner of that state, so /healthz reports it truthfully and a grading that needs an
// image still being made waits for it instead of being judged against a missing base.
import { sameImage, type BaseImageStatus } from "@/grader/contract";
import { runKit, type KitEvent } from "./kit";
import type { ImageProgress } from "./kit-progress";
import { defaultMirror, type BaseImageRecipe } from "./recipes";

export type BaseImageMode = "kit" | "pull" | "off";

type Making = { state: "queued" } | { state: "preparing"; progress?: ImageProgress } | { state: "failed"; error: string };

export interface ProvisioningOptions {
  mode: BaseImageMode;
  recipes: readonly BaseImageRecipe[];
  cacheRoot: string;
  /** The base images the engine holds now (name, and whether it is a kit stand-in). */
  present: (names: readonly string[]) => Promise<{ name: string; standIn: boolean }[]>;
  log: { info: (msg: string) => void; error: (msg: string) => void };
}

export class BaseImageProvisioning {
  private readonly making = new Map<string, Making>();
  private readonly stop = new AbortController();
  private readonly changed = new EventTarget();
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly options: ProvisioningOptions) {}

  get mode(): BaseImageMode {
    return this.options.mode;
  }

  /** Starts making the missing images in the background; resolves once it knows which those are. */
  async start(): Promise<void> {
    if (this.options.mode === "off") return;
    const names = this.options.recipes.map((r) => r.name);
    const present = new Set((await this.options.present(names)).map((p) => p.name));
    const missing = this.options.recipes.filter((r) => !present.has(r.name));
    if (!missing.length) return;
    for (const recipe of missing) this.making.set(recipe.name, { state: "queued" });
    this.options.log.info(`base images: ${this.options.mode === "pull" ? "pulling" : "building"} ${missing.map((r) => r.name).join(", ")} in the background, one at a time`);
    this.running = this.run(missing);
  }

  private async run(missing: readonly BaseImageRecipe[]): Promise<void> {
    const started = Date.now();
    try {
      await runKit({
        recipes: missing,
        pull: this.options.mode === "pull",
        force: false,
        mirror: defaultMirror,
        cacheRoot: this.options.cacheRoot,
        waitForLock: true,
        signal: this.stop.signal,
        log: (line) => this.options.log.info(`base images: ${line}`),
        onEvent: (event) => this.apply(event),
      });
      this.options.log.info(`base images: all ready after ${Math.round((Date.now() - started) / 1000)} s`);
    } catch (err) {
      if (this.stop.signal.aborted) return;
      // Each failure was recorded per image as it happened; this is the summary for the log.
      this.options.log.error(`base images: ${err instanceof Error ? err.message : String(err)}`);
      for (const [name, making] of this.making) {
        if (making.state !== "failed") this.making.set(name, { state: "failed", error: err instanceof Error ? err.message : String(err) });
      }
    } finally {
      this.changed.dispatchEvent(new Event("change"));
    }
  }

  private apply(event: KitEvent): void {
    if (event.type === "waiting") this.options.log.info(`base images: ${event.message}`);
    else if (event.type === "start") this.making.set(event.image, { state: "preparing" });
    else if (event.type === "progress") this.making.set(event.progress.image, { state: "preparing", progress: event.progress });
    else if (event.type === "done") this.making.delete(event.image);
    else if (event.type === "failed") this.making.set(event.image, { state: "failed", error: event.error.message });
    if (event.type === "done" || event.type === "failed") this.changed.dispatchEvent(new Event("change"));
  }

  /** Every lesson base image with its state: what the engine holds, else how far the grader is with it. */
  async status(): Promise<BaseImageStatus[]> {
    const present = await this.options.present(this.options.recipes.map((r) => r.name));
    return this.options.recipes.map(({ name }): BaseImageStatus => {
      const held = present.find((p) => p.name === name);
      const making = this.making.get(name);
      if (held && !making) return { name, standIn: held.standIn, state: "ready" };
      if (!making) return { name, standIn: false, state: "missing" };
      if (making.state === "failed") return { name, standIn: false, state: "failed", error: making.error };
      if (making.state === "queued" || !making.progress) return { name, standIn: false, state: making.state };
      const { step, steps, label, percent, etaSeconds } = making.progress;
      return { name, standIn: false, state: "preparing", progress: { step, steps, label, percent, etaSeconds } };
    });
  }

  /** Of `images`, the lesson base images the grader is still making (queued or preparing). */
  pending(images: readonly string[]): string[] {
    return [...this.making]
      .filter(([name, m]) => m.state !== "failed" && images.some((image) => sameImage(image, name)))
      .map(([name]) => name);
  }

  /** Why a grading waits, as the learner reads it: each pending image and how far the grader is with it. */
  waitingReason(pending: readonly string[]): string {
    const parts = pending.map((name) => {
      const making = this.making.get(name);
      if (making?.state !== "preparing" || !making.progress) return `${name} (queued)`;
      const { step, steps, percent, etaSeconds } = making.progress;
      const eta = etaSeconds === null ? "" : `, about ${etaSeconds < 90 ? `${etaSeconds} s` : `${Math.round(etaSeconds / 60)} min`} left`;
      return `${name} (step ${step} of ${steps}, ${percent}%${eta})`;
    });
    const verb = this.options.mode === "pull" ? "pulling" : "building";
    return `Waiting for the base image${pending.length > 1 ? "s" : ""} this Dockerfile needs, which the grader is ${verb} now: ${parts.join(", ")}. Grading starts as soon as ${pending.length > 1 ? "they are" : "it is"} ready.`;
  }

  /** Resolves once none of `images` is pending any more (made, or failed: the grading then says why). */
  async settled(images: readonly string[], signal: AbortSignal): Promise<void> {
    while (this.pending(images).length) {
      signal.throwIfAborted();
      await new Promise<void>((resolve) => {
        const done = () => {
          this.changed.removeEventListener("change", done);
          signal.removeEventListener("abort", done);
          resolve();
        };
        this.changed.addEventListener("change", done);
        signal.addEventListener("abort", done);
      });
    }
    signal.throwIfAborted();
  }

  /** Stops the kit's running step (its child is killed); the next start resumes from the kit's caches. */
  async close(): Promise<void> {
    this.stop.abort(new Error("the grader is shutting down"));
    await this.running;
  }
}
