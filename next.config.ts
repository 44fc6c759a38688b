import type { NextConfig } from "next";
import { env } from "./server/env";

const config: NextConfig = {
  distDir: env.NEXT_DIST_DIR,
  typedRoutes: true,
  poweredByHeader: false,
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter"],
};

export default config;
