// Lighthouse 12 (mobile defaults: simulated slow 4G and a mid-range phone's CPU) on the catalog, a lesson, its
// quick test and an exercise page, served by the production build with its content synced, in Debian's Chromium
// with the same flags as the browser tests. Targets (issue 14): performance ≥ 95, accessibility and best
// practices 100. Each page is audited once, uncounted, so that it and its scripts are in the server's caches, then
// audited five times: one run swings by several points with the host (its benchmark index moved between 1,500
// and 2,900 within an hour here) and with races in the unthrottled load it simulates from
// (bench/reading-figures.md, fifth and eleventh rounds), so each category's score is the median of the runs, which
// the targets are held to. The audits that cost points and
// the metrics come from the median run as Lighthouse's own tools pick it (closest to the median FCP and TTI).
//   npx tsx bench/lighthouse.ts [--no-build] [--runs 5] [--save <dir>] [--pages lesson,quiz]
//   (--save keeps each page's median run, <page>.json)
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import lighthouse, { type Result } from "lighthouse";
import { computeMedianRun as lighthouseMedianRun } from "lighthouse/core/lib/median-run.js";
import * as chromeLauncher from "chrome-launcher";
import { chromiumLaunchOptions } from "../playwright.config";
import { quantile } from "@/tests/support/quantile";
import { startProductionWeb } from "./production-web";

const pages = [
  { name: "catalog", path: "/" },
  { name: "lesson", path: "/learn/containers/dockerize-a-service" },
  { name: "quiz", path: "/learn/containers/dockerize-a-service/quiz" },
  { name: "exercise", path: "/learn/containers/dockerize-a-service/exercises/first-service" },
] as const;

const categories = ["performance", "accessibility", "best-practices"] as const;
const targets: Record<(typeof categories)[number], number> = { performance: 95, accessibility: 100, "best-practices": 100 };
const webPort = 4785;

export interface PageScores {
  page: string;
  path: string;
  scores: Record<(typeof categories)[number], number>;
  /** The performance score of every run; `scores` holds each category's median. */
  performanceRuns: number[];
  /** Largest contentful paint, total blocking time (ms) and bytes transferred, as Lighthouse measured them. */
  lcpMs: number;
  /** Lighthouse's measure of the host CPU (higher is faster; a quiet 2-core VM gives about 1,000–1,500): its 4× slowdown multiplies what a loaded machine already stretched. */
  benchmarkIndex: number;
  tbtMs: number;
  totalBytes: number;
  /** Audits that cost points, with their score: what to fix next. */
  failing: string[];
  ok: boolean;
}

export interface LighthouseResult {
  name: "lighthouse";
  date: string;
  lighthouse: string;
  pages: PageScores[];
  ok: boolean;
}

/** One page's report. A trace Chromium failed to record (NO_NAVSTART and the like, seen on a loaded machine) is taken again once. */
async function audit(url: string, port: number): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    const run = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: [...categories] });
    if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (!run.lhr.runtimeError) return run.lhr;
    if (attempt === 2) throw new Error(`Lighthouse could not load ${url}: ${run.lhr.runtimeError.message}`);
  }
}

const defaultRuns = 5;
// Its declaration speaks of Lighthouse's global LH.Result, which the package's public types do not declare.
const computeMedianRun = lighthouseMedianRun as unknown as (runs: Result[]) => Result;

export async function run(options: { build?: boolean; runs?: number; saveDir?: string; only?: string[] } = {}): Promise<LighthouseResult> {
  const web = await startProductionWeb({ port: webPort, build: options.build ?? true });
  const chromePath = chromiumLaunchOptions.executablePath;
  const chrome = await chromeLauncher.launch({ ...(chromePath ? { chromePath } : {}), chromeFlags: ["--headless=new", ...chromiumLaunchOptions.args] });
  try {
    const result: LighthouseResult = { name: "lighthouse", date: new Date().toISOString(), lighthouse: "", pages: [], ok: true };
    for (const page of pages.filter((p) => !options.only || options.only.includes(p.name))) {
      const url = `${web.base}${page.path}`;
      // A first audit, not counted, loads what a running server has already kept: the page and its scripts.
      await audit(url, chrome.port);
      const runs: Result[] = [];
      for (let i = 0; i < (options.runs ?? defaultRuns); i++) runs.push(await audit(url, chrome.port));
      const lhr = computeMedianRun(runs);
      if (options.saveDir) {
        mkdirSync(options.saveDir, { recursive: true });
        writeFileSync(path.join(options.saveDir, `${page.name}.json`), JSON.stringify(lhr));
      }
      result.lighthouse = lhr.lighthouseVersion;
      const scoresOf = (run: Result, c: (typeof categories)[number]) => Math.round((run.categories[c]?.score ?? 0) * 100);
      const scores = Object.fromEntries(categories.map((c) => [c, quantile(runs.map((run) => scoresOf(run, c)), 0.5)])) as PageScores["scores"];
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual" && a.scoreDisplayMode !== "notApplicable")
        .map((a) => `${a.id} ${a.score}${a.displayValue ? ` (${a.displayValue})` : ""}`);
      const ok = categories.every((c) => scores[c] >= targets[c]);
      result.ok &&= ok;
      result.pages.push({
        page: page.name,
        path: page.path,
        scores,
        performanceRuns: runs.map((run) => scoresOf(run, "performance")),
        lcpMs: Math.round(lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN),
        benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
        tbtMs: Math.round(lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN),
        totalBytes: Math.round(lhr.audits["total-byte-weight"]?.numericValue ?? Number.NaN),
        failing,
        ok,
      });
      const spread = runs.map((run) => scoresOf(run, "performance")).join(" / ");
      console.log(`${page.name} (host benchmark index ${Math.round(lhr.environment.benchmarkIndex)}; performance runs ${spread}): ${categories.map((c) => `${c} ${scores[c]}`).join(", ")}${ok ? "" : `; costing points: ${failing.join("; ")}`}`);
    }
    return result;
  } finally {
    chrome.kill();
    await web.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const saveDir = option("--save");
  const only = option("--pages")?.split(",");
  const runs = Number(option("--runs") ?? defaultRuns);
  const result = await run({ build: !process.argv.includes("--no-build"), runs, ...(saveDir ? { saveDir } : {}), ...(only ? { only } : {}) });
  console.log(JSON.stringify(result, null, 2));
}
