// Command line of `npm run grader:images`. Parsed strictly: a typo'd flag or image name stops the run with the
// list of what is accepted, rather than silently building everything.
import { z } from "zod";
import { baseImageRecipes, defaultMirror } from "./recipes";

export const kitUsage = `usage: npm run grader:images -- [--only <image>]... [--force] [--pull] [--mirror <url>]
  --only <image>   build just this image (repeatable); one of: ${baseImageRecipes.map((r) => r.name).join(", ")}
  --force          rebuild even when the image in the engine is current
  --pull           pull the real images from a registry instead of building stand-ins
  --mirror <url>   Debian mirror for debootstrap (default ${defaultMirror})`;

const imageName = z.string().refine((n) => baseImageRecipes.some((r) => r.name === n), {
  error: (issue) => `unknown image "${String(issue.input)}"; known: ${baseImageRecipes.map((r) => r.name).join(", ")}`,
});

export const kitOptionsSchema = z.object({
  only: z.array(imageName).default([]),
  force: z.boolean().default(false),
  pull: z.boolean().default(false),
  mirror: z.url({ protocol: /^https?$/, error: "--mirror must be an http(s) URL" }).default(defaultMirror),
  help: z.boolean().default(false),
});

export type KitOptions = z.infer<typeof kitOptionsSchema>;

export class KitArgsError extends Error {
  override name = "KitArgsError";
}

export function parseKitArgs(argv: readonly string[]): KitOptions {
  const raw: { only: string[]; force?: boolean; pull?: boolean; mirror?: string; help?: boolean } = { only: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new KitArgsError(`${arg} needs a value\n${kitUsage}`);
      i++;
      return next;
    };
    if (arg === "--only") raw.only.push(value());
    else if (arg === "--force") raw.force = true;
    else if (arg === "--pull") raw.pull = true;
    else if (arg === "--mirror") raw.mirror = value();
    else if (arg === "--help" || arg === "-h") raw.help = true;
    else throw new KitArgsError(`unknown argument "${arg}"\n${kitUsage}`);
  }
  const parsed = kitOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new KitArgsError(`${parsed.error.issues.map((i) => i.message).join("; ")}\n${kitUsage}`);
  return parsed.data;
}
