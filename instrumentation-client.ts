// Next runs this in the browser before any of the app's code. Zod probes whether it may compile validators with
// `new Function`; under our Content-Security-Policy (no eval, server/http/content-security.ts) that probe is refused
// and reported as a violation even though zod catches it, so the browser copy of zod is told not to try.
import { z } from "zod";

z.config({ jitless: true });
