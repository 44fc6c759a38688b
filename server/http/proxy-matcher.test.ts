// proxy.ts must not run on the static reading pages (a cache hit would pay for a proxy call that changes nothing)
// and must run on every other page, whose nonce policy it sets. Its matcher is a literal Next reads at build time,
// so this keeps it in step with staticPages, compiled the way Next compiles it.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";
import { isStaticPage } from "./content-security";

// Next's own compiler of matchers (exported, but not in its public types): the test checks what Next will run.
const { getMiddlewareMatchers } = createRequire(import.meta.url)("next/dist/build/analysis/get-page-static-info") as {
  getMiddlewareMatchers: (matcher: unknown, nextConfig: object) => { regexp: string }[];
};
const matchers = getMiddlewareMatchers(config.matcher, {}).map((m) => new RegExp(m.regexp));
const proxied = (pathname: string) => matchers.some((re) => re.test(pathname));

describe("proxy matcher", () => {
  const staticPaths = ["/", "/catalog/home", "/learn/containers", "/learn/containers/", "/learn/containers/dockerize-a-service", "/learn/containers/dockerize-a-service/quiz"];
  const dynamicPaths = [
    "/learn/containers/dockerize-a-service/quizzes",
    "/learn/containers/dockerize-a-service/quiz/more",
    "/learn/containers/dockerize-a-service/exercises/first-service",
    "/me",
    "/settings",
    "/signin",
    "/instructor",
    "/learnx",
    "/catalog",
    "/catalog/home/more",
  ];

  it("leaves out the static reading pages", () => {
    for (const path of staticPaths) {
      expect(isStaticPage(path), path).toBe(true);
      expect(proxied(path), path).toBe(false);
    }
  });

  it("runs on every other page, and not on API routes or build assets", () => {
    for (const path of dynamicPaths) {
      expect(isStaticPage(path), path).toBe(false);
      expect(proxied(path), path).toBe(true);
    }
    for (const path of ["/api/progress", "/_next/static/chunks/a.js", "/icon.png"]) expect(proxied(path), path).toBe(false);
  });
});
