// Lets a benchmark import the web's server-only modules in plain Node, as vitest's alias does for tests:
// the `server-only` guard resolves to an empty module.
import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
