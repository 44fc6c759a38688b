// Next runs this in the browser before any of the app's code. Zod probes whether it may compile validators with
// `new Function`; under our Content-Security-Policy (no eval, server/http/content-security.ts) that probe is refused
// and reported as a violation even though zod catches it, so the browser copy of zod is told not to try.
// Through the global that zod takes its configuration from when it loads, rather than `z.config()`: importing zod
// here put all of it (a third of the shared JavaScript) on every page, most of which never validate anything.
// instrumentation-client.test.ts checks that zod still reads it.
const zodConfig: { jitless?: boolean } = ((globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig ??= {});
zodConfig.jitless = true;
export {}; // a module: nothing to export, only the setting above
