// Global set-up and teardown of the fault suite: starts the table empty, and at the end prints it and writes it
// to docs/reliability.md between its markers (the prose around it is kept).
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { faultTable, recordedFaults, rowsFile } from "./fault-table";

const doc = path.resolve("docs/reliability.md");
const begin = "<!-- fault-table:begin -->";
const end = "<!-- fault-table:end -->";

export function setup(): () => void {
  rmSync(rowsFile, { force: true });
  return () => {
    const rows = recordedFaults();
    if (!rows.length) return;
    const table = faultTable(rows);
    const stamp = `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? "unknown CPU"}), load average ${os.loadavg()[0]?.toFixed(1)} at the end, \`npm run test:faults\`; lost must be 0.`;
    console.log(`\nfault table\n${table}\n`);
    const text = readFileSync(doc, "utf8");
    const from = text.indexOf(begin);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${doc} lost its ${begin} … ${end} markers`);
    writeFileSync(doc, `${text.slice(0, from + begin.length)}\n${stamp}\n\n${table}\n${text.slice(to)}`);
  };
}
