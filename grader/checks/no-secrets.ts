import { fail, pass, type Check } from "./check";
import type { DockerfileModel } from "./dockerfile-model";
import { isSecretFile } from "./layer-patterns";

const secretVar = /(secret|passw(or)?d|token|api[_-]?key|private[_-]?key|access[_-]?key|credential)/i;

/** ENV and ARG lines that give a secret-looking variable a value: it would ship in the image. */
export function bakedSecrets(model: DockerfileModel): { line: number; keyword: string; name: string }[] {
  return model.stages.flatMap((st) =>
    st.instructions
      .filter((i) => i.keyword === "ENV" || i.keyword === "ARG")
      .flatMap((i) => i.properties.filter((p) => secretVar.test(p.name) && (p.value ?? "") !== "").map((p) => ({ line: i.line, keyword: i.keyword, name: p.name }))),
  );
}

export const describeBaked = (baked: ReturnType<typeof bakedSecrets>): string => baked.map((b) => `line ${b.line}: ${b.keyword} ${b.name}`).join("; ");

export const noSecrets: Check = {
  id: "no-secrets",
  uses: ["layer-scan"],
  async run(s) {
    if (!s.dockerfile) return fail("No Dockerfile to read.");
    const baked = bakedSecrets(s.dockerfile);
    if (baked.length > 0) {
      return fail(`${describeBaked(baked)} bakes a secret into the image; pass it at run time instead.`, { variables: baked });
    }
    const hits = (await s.layerScan()).filter((h) => isSecretFile(h.path));
    if (hits.length > 0) return fail(`The image contains ${hits.map((h) => `/${h.path}`).slice(0, 5).join(", ")}; exclude it with .dockerignore.`, { files: hits.slice(0, 20) });
    return pass("No secret-looking ENV/ARG and no .env or key files in the image's own layers.");
  },
};
