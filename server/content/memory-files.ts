// A course folder held in memory (an uploaded archive's files), read by the same loader as content/ on disk.
// Paths are `/`-separated and relative to `root`; folders exist where some file lies below them.
import path from "node:path";
import type { ContentFiles } from "./load";

export function memoryFiles(root: string, files: ReadonlyMap<string, string>): ContentFiles {
  const absolute = new Map([...files].map(([name, text]) => [path.posix.join(root, name), text]));
  const folders = new Set<string>();
  for (const file of absolute.keys()) for (let dir = path.posix.dirname(file); dir.startsWith(root) && !folders.has(dir); dir = path.posix.dirname(dir)) folders.add(dir);
  const entry = (name: string, isDir: boolean) => ({ name, isFile: () => !isDir, isDirectory: () => isDir });
  return {
    root,
    exists: (file) => absolute.has(file) || folders.has(file),
    readFile: (file) => {
      const text = absolute.get(file);
      return text === undefined ? Promise.reject(new Error(`ENOENT: ${path.posix.relative(root, file)} is not in the archive`)) : Promise.resolve(text);
    },
    readdir: (dir) => {
      const below = (candidate: string) => path.posix.dirname(candidate) === dir;
      const names = [...[...folders].filter(below).map((d) => entry(path.posix.basename(d), true)), ...[...absolute.keys()].filter(below).map((f) => entry(path.posix.basename(f), false))];
      return Promise.resolve(names.sort((a, b) => a.name.localeCompare(b.name)));
    },
  };
}
