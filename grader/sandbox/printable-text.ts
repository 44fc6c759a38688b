// Build and container output as text every consumer can hold: a NUL cannot be stored in a PostgreSQL text column
// (the web keeps every event) and other control bytes garble the live view. Tabs, newlines and ANSI escapes stay.
import { brokenStandIn, nulStandIn } from "@/grader/contract/file-text";

// eslint-disable-next-line no-control-regex -- matching control characters is this module's whole job
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f]/g;

export const printableText = (text: string): string => text.replace(controls, (c) => (c === "\u0000" ? nulStandIn : brokenStandIn));
