# The web and the grader, one build, two runtimes: `target: web` or `target: grader` (docker-compose.yml).
# No registry is reachable here, so every stage starts from images `npm run stack:images` makes offline: the Node
# runtime (Debian bookworm plus Node 20; where a registry is, node:20-bookworm-slim serves) and, on it, the
# node_modules of this machine's `npm ci` (the engine's builds have no route to the npm registry). That image is
# remade when npm's record of the installed tree changes, so run `npm ci` then `npm run stack:images` first.
# Layer order is for the cache: the gigabyte of node_modules is the shared lowest layer of the build and of the
# web image (never sent, hashed or copied by these builds); a source edit rebuilds from `sources` on, a lesson
# edit only the web's last layers.
FROM shipshape-stack/node-modules:20-bookworm-kit1 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY generated ./generated

# The grader runs as one bundled module (deploy/bundle-grader.mjs): its image needs no node_modules.
FROM deps AS grader-build
COPY tsconfig.json ./
COPY grader ./grader
COPY deploy/bundle-grader.mjs ./deploy/
RUN ["node", "deploy/bundle-grader.mjs", "dist/grader.mjs"]

# Before the web's stages, so building `--target grader` with the classic builder (which runs every stage up to
# its target) does not build the web.
FROM shipshape-stack/grader-node:20-bookworm-kit1 AS grader
WORKDIR /app
ENV NODE_ENV=production GRADER_PORT=4000 GRADER_HOST=0.0.0.0
COPY --from=grader-build /app/dist/grader.mjs ./grader.mjs
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4000/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "grader.mjs"]

# What the web builds from and runs: at start it migrates and syncs content through tsx, beside `next start`.
FROM deps AS sources
COPY *.ts *.mjs *.json ./
COPY app ./app
COPY components ./components
COPY lib ./lib
COPY server ./server
COPY grader ./grader
COPY prisma ./prisma
COPY scripts ./scripts

FROM sources AS build
ENV NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
RUN ["node", "node_modules/next/dist/bin/next", "build"]
# The compiler's cache is for the next build on this machine, not for the image.
RUN ["rm", "-rf", ".next/cache"]

# The web serves the build. Its files stay root's: the server cannot rewrite its own code; only Next's cache and
# .data (where the start script keeps its local secrets file, and PGlite's data when no DATABASE_URL is set) are its.
FROM sources AS web
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOST=0.0.0.0 MAIL_OUTBOX_DIR=/tmp/outbox
COPY --from=build /app/.next ./.next
# Read at start (the content sync), not by the build: a lesson edit does not rebuild the web.
COPY content ./content
RUN ["install", "-d", "-o", "node", "-g", "node", "/app/.next/cache", "/app/.data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/auth/csrf').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "scripts/start.ts", "--web-only", "--no-build"]
