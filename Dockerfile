# The web and the grader, one build, two runtimes: `target: web` or `target: grader` (docker-compose.yml).
# Every stage starts from the stack's Node runtime, made offline by the kit (`npm run stack:images`: Debian
# bookworm plus Node 20), because no registry is reachable here; where one is, node:20-bookworm-slim serves.
# node_modules come from the build context, i.e. from `npm ci` on the building machine: the engine's builds have
# no route to the npm registry here. Run `npm ci` before building (CI does), so they match the lockfile.
FROM shipshape-stack/node:20-bookworm-kit1 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY node_modules ./node_modules
COPY generated ./generated

# Sources only: node_modules are already here, and copying them again would cost a minute and a gigabyte.
FROM deps AS build
COPY *.ts *.mjs *.json ./
COPY app ./app
COPY components ./components
COPY lib ./lib
COPY server ./server
COPY grader ./grader
COPY prisma ./prisma
COPY scripts ./scripts
ENV NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
RUN ["node", "node_modules/next/dist/bin/next", "build"]
# The compiler's cache is for the next build on this machine, not for the image.
RUN ["rm", "-rf", ".next/cache"]
# Read at start (the content sync), not by the build: a lesson edit does not rebuild the web.
COPY content ./content

# The web serves the build. Its files stay root's: the server cannot rewrite its own code; only Next's cache is its.
FROM shipshape-stack/node:20-bookworm-kit1 AS web
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOST=0.0.0.0 MAIL_OUTBOX_DIR=/tmp/outbox
COPY --from=build /app ./
RUN ["install", "-d", "-o", "node", "-g", "node", "/app/.next/cache"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/auth/csrf').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "scripts/start.ts", "--web-only", "--no-build"]

# The grader needs no build of its own: its TypeScript runs through tsx, beside the modules `deps` installed.
FROM shipshape-stack/node:20-bookworm-kit1 AS grader
WORKDIR /app
ENV NODE_ENV=production GRADER_PORT=4000 GRADER_HOST=0.0.0.0
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY grader ./grader
COPY content ./content
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4000/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "grader/main.ts"]
