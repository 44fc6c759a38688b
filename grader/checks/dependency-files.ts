// Which files are dependency manifests and which RUN lines install from them: shared by the checks that judge
// the order of a Dockerfile and by the session that picks a source file to touch for the cache proof.
const manifest = /(^|\/)(requirements[^/]*\.txt|package(-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|go\.(mod|sum)|pyproject\.toml|poetry\.lock|Pipfile(\.lock)?|Gemfile(\.lock)?)$/;

export const isDependencyManifest = (path: string): boolean => manifest.test(path);

export const installCommand = /\b(pip3?\s+install|python3?\s+-m\s+pip\s+install|npm\s+(ci|install|i)\b|yarn(\s+install)?\s*($|&&|;)|pnpm\s+install|go\s+mod\s+download|poetry\s+install|bundle\s+install)/;

/** A COPY source pattern that can only match manifests (e.g. `requirements.txt`, `package*.json`). */
export function copiesOnlyManifests(sources: string[]): boolean {
  return sources.every((src) => {
    const probe = src.replace(/^\.\//, "").replace(/\*/g, "");
    return probe !== "" && probe !== "." && (isDependencyManifest(probe) || isDependencyManifest(src.replace(/\*/g, "-lock")) || /^package.*\.json$/.test(src.replace(/^\.\//, "")));
  });
}

const textSource = /\.(py|js|mjs|cjs|ts|go|rb|sh|cgi|html|txt|md)$/;

/** A file whose change should not reinstall dependencies: not a manifest, not build configuration. */
export function pickSourceFile(paths: string[]): string | undefined {
  const candidates = paths.filter((p) => p !== "Dockerfile" && p !== ".dockerignore" && !isDependencyManifest(p) && textSource.test(p));
  return candidates.find((p) => /\.(py|js|go|sh|cgi)$/.test(p)) ?? candidates[0];
}
