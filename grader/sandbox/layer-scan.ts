// Reads the learner's image layer by layer (`docker save`, streamed, never written to disk) and reports paths
// that match, skipping the layers the image inherited from its base: a Debian base legitimately ships
// /etc/ssl/private/*.key, and that is not the learner's secret.
import tar from "tar-stream";
import type { Docker } from "./docker-client";

export interface LayerHit {
  layer: number;
  path: string;
}

export async function scanImageLayers(docker: Docker, ref: string, skipLayers: number, match: (path: string) => boolean): Promise<LayerHit[]> {
  const stream = await docker.getImage(ref).get();
  const outer = tar.extract();
  const hitsByDir = new Map<string, string[]>();
  let manifestLayers: string[] = [];

  outer.on("entry", (header, entry, next) => {
    if (header.name.endsWith("/layer.tar")) {
      const dir = header.name;
      const found: string[] = [];
      hitsByDir.set(dir, found);
      const inner = tar.extract();
      inner.on("entry", (h, s, n) => {
        const path = h.name.replace(/^\.?\//, "");
        if (h.type === "file" && match(path)) found.push(path);
        s.on("end", n);
        s.resume();
      });
      inner.on("finish", next);
      inner.on("error", next);
      entry.pipe(inner);
      return;
    }
    if (header.name === "manifest.json") {
      const chunks: Buffer[] = [];
      entry.on("data", (c: unknown) => chunks.push(c as Buffer));
      entry.on("end", () => {
        try {
          const manifest = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { Layers?: string[] }[];
          manifestLayers = manifest[0]?.Layers ?? [];
        } catch {
          manifestLayers = [];
        }
        next();
      });
      return;
    }
    entry.on("end", next);
    entry.resume();
  });

  await new Promise<void>((resolve, reject) => {
    outer.on("finish", resolve);
    outer.on("error", reject);
    stream.on("error", reject);
    stream.pipe(outer);
  });

  const hits: LayerHit[] = [];
  manifestLayers.forEach((dir, index) => {
    if (index < skipLayers) return;
    for (const path of hitsByDir.get(dir) ?? []) hits.push({ layer: index, path });
  });
  return hits;
}
