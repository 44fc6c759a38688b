// What each offline stand-in image is made of (DESIGN §6). No image registry is reachable here, so the images
// the lessons name are rebuilt from Debian bookworm packages and tagged with those names. Each recipe is plain
// data: its hash decides whether an image already in the engine is current, so any change here rebuilds it.
import type { DebianFilesSource } from "./debian-files";
import { postgresEntrypoint } from "./postgres-entrypoint";

export const debianSuite = "bookworm";
export const defaultMirror = "http://deb.debian.org/debian";

/** Bump when the build steps in code change in a way the recipes below do not show. */
export const kitVersion = "1";

const standardPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export type RootfsSource =
  | {
      kind: "debootstrap";
      include: readonly string[];
      /** Installed afterwards with apt from bookworm-backports (debootstrap's --extra-suites fails on mixed suites). */
      backports?: readonly string[];
    }
  /** A file system holding only the host's statically linked busybox and its applet links. */
  | { kind: "busybox" }
  | DebianFilesSource;

export interface NpmOfflineCache {
  /** npm from the registry, as the real node images ship it (Debian's npm drags in ~300 packages). */
  npmVersion: string;
  /** Each spec is installed once on the host; the union of their trees is baked in as npm's cache. */
  packages: readonly string[];
}

/** Debian's Flask and friends as wheels pip installs from, instead of packages it finds already installed. */
export interface PythonWheelhouse {
  /** Where the wheels go; PIP_FIND_LINKS points here. */
  dir: string;
  /** Debian egg-info names, each with the requirements Debian's metadata leaves out. */
  dists: Readonly<Record<string, readonly string[]>>;
  /** Debian packages removed once their wheels exist, so `import flask` works only after `pip install`, as in the real image. */
  purge: readonly string[];
}

export interface BaseImageRecipe {
  /** The name the lessons use; the stand-in is tagged with it. */
  name: string;
  source: RootfsSource;
  /** Shell commands run in the new root (chroot) once its packages are in. */
  chroot: readonly string[];
  npmOffline?: NpmOfflineCache;
  pythonWheelhouse?: PythonWheelhouse;
  /** Adds `adduser`/`addgroup` accepting Alpine's (busybox) options, and an `apk` that installs from `apkOffline`. */
  alpineShims?: boolean;
  /**
   * What `apk add <package>` can install with no network: each package's paths are moved out of the finished root
   * into the shim's repository and put back by `apk add`, so the command is missing until the Dockerfile asks for it.
   */
  apkOffline?: Readonly<Record<string, readonly string[]>>;
  env: Readonly<Record<string, string>>;
  entrypoint?: readonly string[];
  cmd?: readonly string[];
  /** The image's default user, as `USER` sets it. */
  user?: string;
  workdir?: string;
  /** Shown as the `shipshape.note` label: how the stand-in differs from the real image. */
  note: string;
  /**
   * Run in a container with no network before the image gets its name; non-zero aborts. A string is a shell
   * script; an argument list runs as it is, for images with no shell.
   */
  smoke: string | readonly string[];
}

// The slim image's packages; the full one adds build tools on top, as python:3.11 does over -slim.
// netbase, as the official image installs it (and the distroless stand-in takes from this root).
const pythonPackages = ["python3", "python3-pip", "python3-venv", "python-is-python3", "python3-flask", "netbase", "adduser", "curl"];
const wheelDir = "/usr/local/share/python-wheels";
const pythonWheelhouse: PythonWheelhouse = {
  dir: wheelDir,
  dists: {
    Flask: ["Werkzeug>=2.2.2", "Jinja2>=3.0", "itsdangerous>=2.0", "click>=8.0"],
    Werkzeug: ["MarkupSafe>=2.1.1"],
    Jinja2: ["MarkupSafe>=2.0"],
    MarkupSafe: [],
    itsdangerous: [],
    click: [],
  },
  purge: ["python3-flask", "python3-werkzeug", "python3-jinja2", "python3-markupsafe", "python3-itsdangerous", "python3-click"],
};
const pythonChroot = [
  // Debian marks its Python as externally managed; the real image does not, and lessons run plain `pip install`.
  "rm -f /usr/lib/python3*/EXTERNALLY-MANAGED",
  "test -e /usr/bin/pip || ln -s pip3 /usr/bin/pip",
  // Debian's pip puts `--prefix=/install` under /install/local/lib/python3.11/dist-packages, so the lesson's
  // `COPY --from=builder /install /usr/local` lands in /usr/local/local; the real image's site-packages is
  // /usr/local/lib/python3.11/site-packages. Both become import paths, as they are in the real image.
  "printf '%s\\n' /usr/local/local/lib/python3.11/dist-packages /usr/local/lib/python3.11/site-packages > /usr/lib/python3/dist-packages/zz-shipshape-layout.pth",
  // The real image's interpreter is /usr/local/bin/python3.11, and a venv made there points at it; so must ours,
  // or a venv copied into gcr.io/distroless/python3-debian12 (python only in /usr/bin) would run here and not at home.
  "ln -s /usr/bin/python3.11 /usr/local/bin/python3.11 && ln -s python3.11 /usr/local/bin/python3 && ln -s python3 /usr/local/bin/python",
];
const pythonEnv = {
  PATH: `${standardPath}:/usr/local/local/bin`,
  LANG: "C.UTF-8",
  // pip's version check would wait on a network that builds do not have.
  PIP_DISABLE_PIP_VERSION_CHECK: "1",
  PIP_NO_INDEX: "1",
  PIP_FIND_LINKS: wheelDir,
};
const pythonSmoke = [
  "python --version",
  "pip --version",
  "command -v useradd adduser curl",
  "test ! -e /usr/lib/python3.11/EXTERNALLY-MANAGED",
  "! python -c 'import flask' 2>/dev/null",
  "pip install -q --no-cache-dir --prefix=/tmp/prefix flask==2.2.2",
  "PYTHONPATH=/tmp/prefix/local/lib/python3.11/dist-packages python -c 'import flask'",
  "python -m venv /tmp/venv && /tmp/venv/bin/pip install -q flask==2.2.2 && /tmp/venv/bin/python -c 'import flask'",
  "test \"$(readlink /tmp/venv/bin/python)\" = /usr/local/bin/python",
  "pip install -q --no-cache-dir flask==2.2.2 2>/dev/null",
  'python -c "import flask, markupsafe._speedups; assert flask.__version__ == \'2.2.2\', flask.__version__"',
].join(" && ");


const caBundle = "/etc/ssl/certs/ca-certificates.crt";

// gcr.io/distroless/python3-debian12 is Debian 12's own python3.11 on distroless/cc: glibc, libssl, libstdc++,
// CA certificates, tzdata, no shell. Its entrypoint is the interpreter; :nonroot runs as nonroot (65532).
const distrolessPython: DebianFilesSource = {
  kind: "debian-files",
  donor: "python:3.11-slim",
  packages: ["libc6", "libssl3", "libgcc-s1", "libstdc++6", "python3.11-minimal", "libpython3.11-stdlib"],
  // readline-common would bring dpkg; tzdata debconf and perl.
  filesOnly: ["base-files", "netbase", "tzdata", "readline-common"],
  generated: [caBundle],
  links: { "usr/bin/python3": "python3.11" },
  userland: "distroless",
};
const distrolessEnv = { PATH: standardPath, SSL_CERT_FILE: caBundle };
/** What the lesson's Flask route leans on: the modules a web app imports, certificates, accounts, no shell, no pip. */
function distrolessPythonSmoke(uid: number): string[] {
  const script = [
    "import os, pwd, ssl, sqlite3, ctypes, zlib, lzma, bz2, json, uuid, hashlib, decimal, importlib.util",
    "assert os.getuid() == " + String(uid) + ", os.getuid()",
    "assert pwd.getpwnam('nonroot').pw_uid == 65532",
    "ssl.create_default_context().load_verify_locations('" + caBundle + "')",
    "assert not any(os.path.exists(p) for p in ('/bin/sh', '/usr/bin/sh', '/bin/bash', '/usr/bin/apt'))",
    "assert importlib.util.find_spec('pip') is None",
  ].join("\n");
  return ["/usr/bin/python3", "-c", script];
}
const distrolessPythonNote =
  "Debian bookworm stand-in made as distroless images are: the files of Debian 12's python3.11 and the libraries it loads, CA certificates and tzdata, with no shell, pip or package manager. The entrypoint is /usr/bin/python3 (-> python3.11); bring packages with pip install --target in a python:3.11-slim stage and PYTHONPATH (a venv made there points at /usr/local/bin/python, which this image lacks).";

export const baseImageRecipes: readonly BaseImageRecipe[] = [
  {
    name: "python:3.11-slim",
    source: { kind: "debootstrap", include: pythonPackages },
    chroot: pythonChroot,
    pythonWheelhouse,
    env: pythonEnv,
    cmd: ["python3"],
    note: "Debian bookworm stand-in: Python 3.11.2 (reached as /usr/local/bin/python, as in the real image) and pip 23.0.1 with no index; pip installs Flask 2.2.2 (pin flask==2.2.2) and its dependencies offline from Debian-built wheels. Unlike the real slim image it ships curl, so HEALTHCHECK CMD curl -f ... works; a python urllib check works too.",
    smoke: pythonSmoke,
  },
  {
    name: "python:3.11",
    source: { kind: "debootstrap", include: [...pythonPackages, "build-essential", "python3-dev", "git", "wget", "procps", "less"] },
    chroot: pythonChroot,
    pythonWheelhouse,
    env: pythonEnv,
    cmd: ["python3"],
    note: "Debian bookworm stand-in: the python:3.11-slim stand-in plus build-essential, python3-dev, git and wget, so it is much bigger, as the real one is.",
    smoke: `${pythonSmoke} && gcc --version >/dev/null && git --version`,
  },
  {
    name: "node:18-alpine",
    source: { kind: "debootstrap", include: ["nodejs", "wget", "ca-certificates"] },
    chroot: ["useradd --create-home --uid 1000 --user-group --shell /bin/sh node"],
    // pg (node-postgres) for the Compose project's API, which talks to the postgres:15 sidecar.
    npmOffline: { npmVersion: "10.8.2", packages: ["express@^4.19.2", "express@4.19.2", "pg@8.23.1"] },
    alpineShims: true,
    env: {
      PATH: standardPath,
      npm_config_cache: "/usr/local/share/npm-cache",
      // Builds have no network: npm resolves everything from the cache baked in below, or says ENOTCACHED.
      npm_config_offline: "true",
      npm_config_update_notifier: "false",
      npm_config_fund: "false",
      npm_config_audit: "false",
    },
    cmd: ["node"],
    note: "Debian bookworm stand-in, not Alpine: Debian's Node 18 with npm 10.8.2 working offline from a baked-in cache holding express 4 (4.19.2 and the newest 4.x) and pg 8.23.1. adduser/addgroup accept Alpine's options; wget is there for HEALTHCHECKs; apk is not.",
    smoke: [
      "node --version | grep -q '^v18\\.'",
      "npm --version",
      "mkdir /tmp/smoke && cd /tmp/smoke && npm init -y >/dev/null && npm install --omit=dev express@4.19.2 >/dev/null",
      "node -e \"require('/tmp/smoke/node_modules/express')\"",
      "addgroup -S app && adduser -S -D -H app -G app && id app",
      "command -v wget",
    ].join(" && "),
  },
  {
    name: "golang:1.22",
    // bookworm itself has Go 1.19; bookworm-backports carries 1.22.
    source: { kind: "debootstrap", include: ["gcc", "libc6-dev", "ca-certificates"], backports: ["golang-1.22-go"] },
    chroot: [
      "ln -s /usr/lib/go-1.22 /usr/local/go",
      "mkdir -p /go/src /go/bin && chmod -R 1777 /go",
      // The real image ships no compiled standard library either, but a sandboxed build gets one CPU: compiling
      // net/http from nothing can take minutes there. Compile what web apps import, with and without cgo.
      [
        "mount -t proc proc /proc && trap 'umount /proc' EXIT",
        "mkdir -p /tmp/warm && cd /tmp/warm",
        "printf 'module warm\\ngo 1.22\\n' > go.mod",
        "printf '%s\\n' 'package main' 'import (' '_ \"context\"' '_ \"encoding/json\"' '_ \"errors\"' '_ \"fmt\"' '_ \"io\"' '_ \"log\"' '_ \"net/http\"' '_ \"os\"' '_ \"os/signal\"' '_ \"strconv\"' '_ \"strings\"' '_ \"sync\"' '_ \"time\"' ')' 'func main() {}' > main.go",
        "export GOCACHE=/var/cache/go-build GOTOOLCHAIN=local GOPROXY=off",
        "CGO_ENABLED=0 GOOS=linux /usr/lib/go-1.22/bin/go build -o /dev/null .",
        "CGO_ENABLED=1 /usr/lib/go-1.22/bin/go build -o /dev/null .",
        "chmod -R a+rwX /var/cache/go-build",
      ].join(" && "),
    ],
    env: {
      PATH: `/go/bin:/usr/local/go/bin:${standardPath}`,
      GOPATH: "/go",
      GOTOOLCHAIN: "local",
      // No module proxy is reachable; stdlib-only modules build without one.
      GOPROXY: "off",
      // Holds the standard library compiled at kit-build time; writable by any user, so a builder stage that
      // switches USER still builds.
      GOCACHE: "/var/cache/go-build",
    },
    cmd: ["bash"],
    workdir: "/go",
    note: "Debian bookworm-backports stand-in: Go 1.22 with gcc (cgo works, as in the real image); GOPROXY=off, so only standard-library modules build.",
    smoke: [
      "go version | grep -q 'go1\\.22'",
      "mkdir /tmp/m && cd /tmp/m && go mod init example.com/m >/dev/null 2>&1",
      "printf 'package main\\nimport \"fmt\"\\nfunc main() { fmt.Println(\"ok\") }\\n' > main.go",
      "CGO_ENABLED=0 go build -o /tmp/m/app . && /tmp/m/app",
    ].join(" && "),
  },
  {
    name: "gcr.io/distroless/python3-debian12",
    source: distrolessPython,
    chroot: [],
    env: distrolessEnv,
    entrypoint: ["/usr/bin/python3"],
    note: distrolessPythonNote,
    smoke: distrolessPythonSmoke(0),
  },
  {
    name: "gcr.io/distroless/python3-debian12:nonroot",
    source: distrolessPython,
    chroot: [],
    env: distrolessEnv,
    entrypoint: ["/usr/bin/python3"],
    user: "65532",
    workdir: "/home/nonroot",
    note: `${distrolessPythonNote} This tag runs as nonroot (65532) in /home/nonroot.`,
    smoke: distrolessPythonSmoke(65532),
  },
  {
    name: "alpine:3.18",
    // Debian's Node 18 runtime and glibc under busybox: Alpine's own packages cannot be fetched here.
    source: {
      kind: "debian-files",
      donor: "node:18-alpine",
      packages: ["libc6", "nodejs"],
      filesOnly: [],
      generated: [caBundle],
      links: {},
      userland: "busybox",
    },
    chroot: [],
    alpineShims: true,
    apkOffline: { nodejs: ["/usr/bin/node", "/usr/bin/nodejs"] },
    env: { PATH: standardPath },
    cmd: ["/bin/sh"],
    note: "Debian bookworm stand-in, not Alpine: busybox as the shell and its tools, glibc, and an apk that installs nodejs (Debian's Node 18, no npm) with no network from an offline repository; any other package is refused. The Node runtime's libraries are in the image from the start, so it weighs far more than the real alpine:3.18 and apk add nodejs adds almost nothing. adduser/addgroup take Alpine's options.",
    smoke: [
      "! command -v node",
      "apk add --no-cache nodejs",
      "node -e \"require('node:http'); console.log(process.versions.node)\" | grep -q '^18\\.'",
      "! command -v npm",
      "! apk add --no-cache curl 2>/dev/null",
      "adduser -D -H app && id app",
      "command -v wget",
    ].join(" && "),
  },
  {
    // The tag a lesson's compose.yaml names for the real (Debian-based) image: PostgreSQL 15 from bookworm.
    name: "postgres:15",
    source: { kind: "debootstrap", include: ["postgresql-15", "gosu"] },
    chroot: [
      // The package's postinst made a cluster; the image's is made at first start in PGDATA, as upstream's is.
      "pg_dropcluster 15 main",
      // uid/gid 999 as in the official image, so a volume made by one works with the other.
      "groupmod -g 999 postgres && usermod -u 999 postgres && chown -R postgres:postgres /var/lib/postgresql /etc/postgresql /var/log/postgresql",
      "mkdir -p /docker-entrypoint-initdb.d /var/run/postgresql && chown postgres:postgres /var/run/postgresql",
      `cat > /usr/local/bin/docker-entrypoint.sh <<'SHIPSHAPE_EOF'\n${postgresEntrypoint}SHIPSHAPE_EOF`,
      "chmod 755 /usr/local/bin/docker-entrypoint.sh",
    ],
    env: { PATH: `/usr/lib/postgresql/15/bin:${standardPath}`, LANG: "C.UTF-8", PGDATA: "/var/lib/postgresql/data" },
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["postgres"],
    note: "Debian bookworm stand-in: PostgreSQL 15 from Debian with an entrypoint that reads POSTGRES_PASSWORD, POSTGRES_USER, POSTGRES_DB, PGDATA, POSTGRES_INITDB_ARGS and POSTGRES_HOST_AUTH_METHOD and runs /docker-entrypoint-initdb.d as the official image does; pg_isready and psql on the PATH. It declares no VOLUME, EXPOSE or STOPSIGNAL: name a volume for PGDATA yourself, as you should with the real image.",
    smoke: [
      "export POSTGRES_PASSWORD=smoke POSTGRES_USER=app POSTGRES_DB=appdb PGDATA=/tmp/pgdata",
      "docker-entrypoint.sh postgres >/tmp/pg.log 2>&1 &",
      "for i in $(seq 1 120); do pg_isready -q -h 127.0.0.1 -U app -d appdb && break; sleep 0.5; done",
      "PGPASSWORD=smoke psql -h 127.0.0.1 -U app -d appdb -tAc 'select 40 + 2' | grep -qx 42",
      "if PGPASSWORD=wrong psql -h 127.0.0.1 -U app -d appdb -tAc 'select 1' 2>/dev/null; then echo 'a wrong password got in'; exit 1; fi",
      'test "$(stat -c %u /tmp/pgdata)" = 999',
    ].join("\n"),
  },
  {
    name: "busybox",
    source: { kind: "busybox" },
    chroot: [],
    env: { PATH: standardPath },
    cmd: ["sh"],
    note: "Debian's busybox-static (1.35) with /etc/passwd and /etc/group written by hand; it has no adduser applet.",
    smoke: "for a in sh httpd wget nc id whoami; do command -v $a >/dev/null || { echo missing $a; exit 1; }; done",
  },
];
