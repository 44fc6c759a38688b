// The compose stack's own runtime images (docker-compose.yml), made by the same kit as the lessons' stand-ins
// (DESIGN §6, "The stack's images"): no registry is reachable here, so node, postgres and docker:dind cannot be
// pulled. Each is a Debian bookworm root file system with the packages the service needs; the two Node bases (the
// web's and the grader's) then get the host's own Node binary on top (stack-images.ts), since bookworm's nodejs
// (18) is older than the project's `engines` (>= 20.19). Tags name what is inside and the kit version, never `latest`.
import type { BaseImageRecipe } from "./recipes";

const standardPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const postgresBin = "/usr/lib/postgresql/15/bin";

const nodeBasePackages = ["ca-certificates", "libstdc++6", "openssl"];
const nodeBaseSmoke = "id node && test -e /usr/lib/x86_64-linux-gnu/libstdc++.so.6";

/** Debian base for the Node runtime: the libraries Node and Prisma's engines link against, and a `node` user. */
export const nodeBaseRecipe: BaseImageRecipe = {
  name: "shipshape-stack/node-base:bookworm-kit1",
  source: { kind: "debootstrap", include: nodeBasePackages },
  // uid/gid 1000 as in the official node images; the engine's socket is given to this group (docker-compose.yml).
  chroot: ["useradd --create-home --uid 1000 --user-group --shell /bin/sh node"],
  env: { PATH: standardPath, LANG: "C.UTF-8" },
  cmd: ["/bin/sh"],
  note: "Debian bookworm base for the stack's Node runtime; the host's Node binary is added on top.",
  smoke: nodeBaseSmoke,
};

/**
 * The grader's runtime base: the Node base plus the two programs the practical projects run beside the engine's API
 * — Debian's docker-compose 1.29 (GRADER_COMPOSE_BIN, with the python3 it runs on) and docker-registry
 * (GRADER_REGISTRY_BINARY, whose throwaway registry image is made from the binary and what `ldd` lists). A root of
 * its own rather than a layer on the Node base: the engine's builds have no route to Debian's mirror, and the web,
 * which needs neither, keeps the plain base.
 */
export const graderBaseRecipe: BaseImageRecipe = {
  ...nodeBaseRecipe,
  name: "shipshape-stack/grader-base:bookworm-kit1",
  source: { kind: "debootstrap", include: [...nodeBasePackages, "docker-compose", "docker-registry"] },
  note: "Debian bookworm base for the stack's grader: the Node base's libraries, docker-compose and docker-registry; the host's Node binary is added on top.",
  smoke: `${nodeBaseSmoke} && docker-compose version --short | grep -q '^1\\.29' && ldd /usr/bin/docker-registry >/dev/null`,
};

/** PostgreSQL 15 from Debian; the cluster is made at first start in the data volume (deploy/postgres-start.sh). */
export const postgresRecipe: BaseImageRecipe = {
  name: "shipshape-stack/postgres:15-bookworm-kit1",
  source: { kind: "debootstrap", include: ["postgresql-15"] },
  // The package's postinst made a cluster in the image; the stack keeps its cluster in a volume instead.
  chroot: ["pg_dropcluster 15 main || true", "mkdir -p /run/postgresql && chown postgres:postgres /run/postgresql"],
  env: { PATH: `${postgresBin}:${standardPath}`, LANG: "C.UTF-8", PGDATA: "/var/lib/postgresql/data" },
  cmd: ["postgres"],
  note: "PostgreSQL 15 from Debian bookworm, standing in for postgres:15; the cluster is initialised by the stack's start script.",
  smoke: "postgres --version | grep -q ' 15\\.' && command -v initdb pg_isready",
};

/** Debian's docker.io (engine 20.10, classic builder), run privileged as the grader's dedicated engine. */
export const engineRecipe: BaseImageRecipe = {
  name: "shipshape-stack/dockerd:20.10-bookworm-kit1",
  source: { kind: "debootstrap", include: ["docker.io", "iptables", "ca-certificates", "procps"] },
  chroot: [],
  env: { PATH: standardPath },
  cmd: ["dockerd"],
  note: "Debian bookworm's docker.io standing in for docker:dind; the stack runs it privileged with its socket in a volume.",
  smoke: "dockerd --version | grep -q ' 20\\.10' && docker --version && iptables --version",
};

export const stackRecipes: readonly BaseImageRecipe[] = [nodeBaseRecipe, graderBaseRecipe, postgresRecipe, engineRecipe];
