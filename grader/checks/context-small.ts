import { fail, pass, type Check } from "./check";

/** A lesson app's context is a few KiB; past this, something that should be ignored is being sent. */
export const contextSmallMaxBytes = 256 * 1024;

export const contextSmall: Check = {
  id: "context-small",
  async run(s) {
    const ctx = await s.context();
    const evidence = { sizeBytes: ctx.sizeBytes, files: ctx.paths.length, excluded: ctx.excluded.length, limitBytes: contextSmallMaxBytes };
    const kib = (ctx.sizeBytes / 1024).toFixed(1);
    if (ctx.sizeBytes > contextSmallMaxBytes) return fail(`The build context is ${kib} KiB (${ctx.paths.length} files); keep it under ${contextSmallMaxBytes / 1024} KiB with .dockerignore.`, evidence);
    return pass(`The build context is ${kib} KiB (${ctx.paths.length} files sent, ${ctx.excluded.length} ignored).`, evidence);
  },
};
