// Images on the engine: what the verdict shows of the learner's image, the small LRU of grading images kept for
// baselines and layer cache, and the start-up sweep of what a crashed grader left behind. Base images (the
// kit's `shipshape.base-image` stand-ins, or pulled ones) are never removed: only the grader's own tags are.
import type { ImageSummary } from "@/grader/contract";
import type { BaseImageFacts } from "@/grader/build-plan/resolve-sources";
import type { Docker } from "./docker-client";
import { gradingImageRepos, isGradingImageTag, isOwnImageTag, isPushName } from "./image-names";
import { labels } from "./labels";

export async function imageLayerCount(docker: Docker, ref: string): Promise<number> {
  return (await docker.getImage(ref).inspect()).RootFS.Layers?.length ?? 0;
}

export async function summarizeImage(docker: Docker, ref: string): Promise<ImageSummary> {
  const image = docker.getImage(ref);
  const [info, history] = await Promise.all([image.inspect(), image.history() as Promise<{ CreatedBy: string; Size: number }[]>]);
  const hc = info.Config.Healthcheck;
  return {
    sizeBytes: info.Size,
    user: info.Config.User ?? "",
    exposedPorts: Object.keys(info.Config.ExposedPorts ?? {}),
    healthcheck:
      hc?.Test && hc.Test.length > 0 && hc.Test[0] !== "NONE"
        ? { test: hc.Test, ...(hc.Interval ? { intervalNs: hc.Interval } : {}), ...(hc.Timeout ? { timeoutNs: hc.Timeout } : {}), ...(hc.Retries ? { retries: hc.Retries } : {}) }
        : null,
    layers: history.reverse().map((h) => ({ createdBy: h.CreatedBy.replace(/^\/bin\/sh -c #\(nop\) */, ""), sizeBytes: h.Size })),
  };
}

export interface ImageConfigView {
  user: string;
  exposedPorts: number[];
  healthcheck: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number } | null;
}

export async function imageConfig(docker: Docker, ref: string): Promise<ImageConfigView> {
  const info = await docker.getImage(ref).inspect();
  return {
    user: info.Config.User ?? "",
    exposedPorts: Object.keys(info.Config.ExposedPorts ?? {})
      .filter((p) => p.endsWith("/tcp") || !p.includes("/"))
      .map((p) => Number.parseInt(p, 10))
      .filter((n) => Number.isInteger(n)),
    healthcheck: info.Config.Healthcheck ?? null,
  };
}

/**
 * Removes one of the grader's own images by one of its tags: a grading tag, or the registry name a tag-and-push
 * grading gave it (image-names.ts). Labels cannot tell a stand-in from an image built on it (LABEL is inherited
 * through FROM), so tags decide, and only by tag: the engine then deletes the image only when no other tag holds it
 * (a base image such as python:3.11, another grading's result) and nothing is built on it, else it only untags. By
 * id it would delete an image with one tag together with that tag, even one a build had just tagged as its result.
 * A conflict (still in use) leaves it for the next trim.
 */
export async function removeImage(docker: Docker, tag: string): Promise<void> {
  if (!isGradingImageTag(tag) && !isPushName(tag)) return;
  await docker
    .getImage(tag)
    .remove({ force: false, noprune: false })
    .catch(() => undefined); // Gone already, or still used by a grading in flight.
}

/** What a trim must spare: images of running gradings (by tag) and the layers their builds stand on. */
export interface TrimGuard {
  covers(tag: string): boolean;
  holdsAnyLayer(ids: readonly string[]): boolean;
}

/**
 * What removing an image can delete: the image and its untagged parents, up to the first tagged one (a base image
 * or another kept image), where the engine's pruning stops.
 */
async function removableChain(docker: Docker, id: string): Promise<string[]> {
  const history = (await docker.getImage(id).history().catch(() => [])) as { Id: string; Tags: string[] | null }[];
  const chain = [id];
  for (const [i, entry] of history.entries()) {
    if (entry.Id === "<missing>" || (i > 0 && (entry.Tags ?? []).length > 0)) break;
    chain.push(entry.Id);
  }
  return chain;
}

/** False when removing `ref` (a tag or an id) could take a layer from under a running build; it waits for a later trim. */
export async function safeToRemove(docker: Docker, ref: string, guard: TrimGuard): Promise<boolean> {
  return !guard.holdsAnyLayer(await removableChain(docker, ref));
}

/**
 * Keeps the newest grading images within `count` and `bytes`; never touches images of gradings still running,
 * nor one whose removal would take a layer a running build stands on, so it can run while gradings build.
 * The images share base layers, so the byte sum over-counts: a conservative cap.
 */
export async function trimImageCache(docker: Docker, grader: string, cap: { count: number; bytes: number }, inUse: TrimGuard): Promise<number> {
  const images = await listGradingImages(docker, grader);
  images.sort((a, b) => b.Created - a.Created);
  let kept = 0;
  let bytes = 0;
  let removed = 0;
  for (const img of images) {
    if ((img.RepoTags ?? []).some((t) => inUse.covers(t))) continue;
    if (kept < cap.count && bytes + img.Size <= cap.bytes) {
      kept += 1;
      bytes += img.Size;
      continue;
    }
    if (!(await safeToRemove(docker, img.Id, inUse))) continue;
    // Untagging our tags deletes the image once no other tag holds it; a base image's own tag keeps it.
    for (const tag of (img.RepoTags ?? []).filter((t) => isGradingImageTag(t) || isPushName(t))) await removeImage(docker, tag);
    removed += 1;
  }
  return removed;
}

/**
 * Gives each image a failed build left untagged one of the grading's tags (`tagFor(i)`), so it is removed by tag like
 * the grading's other images, and by the next start's trim should the grader die first. An image that has a tag
 * already is someone's (a base image, another grading's result) and is left alone. Returns the tags given.
 */
export async function claimLeftLayers(docker: Docker, ids: readonly string[], tagFor: (i: number) => string): Promise<string[]> {
  const claimed: string[] = [];
  for (const [i, id] of ids.entries()) {
    const tags = await docker
      .getImage(id)
      .inspect()
      .then((info) => info.RepoTags ?? [], () => null);
    if (tags === null || tags.length > 0) continue;
    const tag = tagFor(i);
    if (await tagImage(docker, id, tag)) claimed.push(tag);
  }
  return claimed;
}

/**
 * Gives an image one more of the grader's tags (`repo:tag`). False when the image is gone: a stage image shared
 * with a grading that just finished may have been trimmed with it, and then there is nothing left to hold.
 */
export async function tagImage(docker: Docker, id: string, ref: string): Promise<boolean> {
  const colon = ref.lastIndexOf(":");
  try {
    await docker.getImage(id).tag({ repo: ref.slice(0, colon), tag: ref.slice(colon + 1) });
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false;
    throw err;
  }
}

/** Images this grader tagged (learner images, baselines, variants); never base images. */
export async function listGradingImages(docker: Docker, grader: string) {
  const images = await docker.listImages({ filters: { reference: gradingImageRepos.map((r) => `${r}/*`) } });
  return images.filter((img) => (img.RepoTags ?? []).some((t) => isOwnImageTag(t, grader)));
}

/** Which of `names` the engine holds, and whether each is the image kit's offline stand-in (by its label). */
export async function presentBaseImages(docker: Docker, names: readonly string[]): Promise<{ name: string; standIn: boolean }[]> {
  const images = await docker.listImages({ filters: { reference: [...names] } });
  const standInByTag = new Map(images.flatMap((img) => (img.RepoTags ?? []).map((tag) => [tag, img.Labels?.[labels.baseImage] === "1"] as const)));
  return names.flatMap((name) => {
    const standIn = standInByTag.get(name.includes(":") ? name : `${name}:latest`);
    return standIn === undefined ? [] : [{ name, standIn }];
  });
}

/** The containers and networks of this grader's gradings that are on the engine now. */
export async function gradingLeftovers(docker: Docker, grader: string) {
  const filters = { label: [labels.grading] };
  const own = (l: Record<string, string> | undefined) => (l?.[labels.grading] ?? "").startsWith(`${grader}-`);
  const containers = (await docker.listContainers({ all: true, filters })).filter((c) => own(c.Labels));
  const networks = (await docker.listNetworks({ filters })).filter((n) => own(n.Labels));
  // A Compose project's named volumes carry the label too.
  const volumes = ((await docker.listVolumes({ filters })).Volumes ?? []).filter((v) => own(v.Labels));
  return { containers, networks, volumes };
}

/**
 * Containers, networks and volumes of this grader that no running grading holds: what a previous process left when
 * it died mid-grading, or what the engine made after a dropped connection, once the grading had cleaned up.
 */
export async function pruneLeftovers(
  docker: Docker,
  grader: string,
  held: (gradingLabel: string) => boolean = () => false,
): Promise<{ containers: number; networks: number; volumes: number }> {
  const all = await gradingLeftovers(docker, grader);
  const free = (l: Record<string, string> | undefined) => !held(l?.[labels.grading] ?? "");
  const containers = all.containers.filter((c) => free(c.Labels));
  const networks = all.networks.filter((n) => free(n.Labels));
  const volumes = all.volumes.filter((v) => free(v.Labels));
  for (const c of containers) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
  for (const n of networks) await docker.getNetwork(n.Id).remove().catch(() => undefined);
  // After the containers: a volume still mounted cannot be removed.
  for (const v of volumes) await docker.getVolume(v.Name).remove().catch(() => undefined);
  return { containers: containers.length, networks: networks.length, volumes: volumes.length };
}

/** What a build inherits from an image it starts from (ENV, ONBUILD triggers); null when the engine lacks it. */
export async function baseImageFacts(docker: Docker, ref: string): Promise<BaseImageFacts | null> {
  try {
    const info = await docker.getImage(ref).inspect();
    // @types/dockerode types OnBuild as any[]; the engine sends the trigger lines as strings.
    const onBuild = (info.Config.OnBuild ?? []) as unknown[];
    return { env: info.Config.Env ?? [], onBuild: onBuild.filter((t): t is string => typeof t === "string") };
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}
