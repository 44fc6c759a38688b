// The check catalogue (DESIGN §4). Ids are stable: verdicts stored months ago still name them.
import { z } from "zod";

export const checkCatalogue = {
  "dockerfile-valid": "The Dockerfile parses and uses known instructions",
  build: "The image builds",
  starts: "The container starts and stays up",
  responds: "The app answers HTTP on its port as expected",
  "env-greeting": "Changing GREETING changes the answer",
  "whoami-non-root": "The running process is not root",
  "user-non-root": "The final stage sets a non-root USER",
  healthy: "The HEALTHCHECK reports healthy",
  "healthcheck-declared": "The final stage declares a HEALTHCHECK",
  "dockerignore-covers": ".dockerignore excludes venv/, .git/, node_modules/, *.log and .env",
  "context-small": "The build context stays small",
  "base-image-slim": "The final base image is slim, alpine, distroless or scratch",
  "base-image-pinned": "FROM names an explicit tag, not latest",
  "pip-no-cache": "pip installs without keeping its cache",
  "deps-pinned": "Dependency versions are pinned",
  "deps-before-source": "Dependencies are installed before the source is copied",
  "no-secrets": "No secrets in ENV/ARG or in any layer",
  "expose-matches": "EXPOSE includes the port the app listens on",
  "exec-form-cmd": "CMD/ENTRYPOINT use the exec (JSON) form",
  "image-size-smaller": "The image is smaller than the first build",
  "multi-stage": "A multi-stage build copies artifacts from a builder",
  "image-size-cut-30": "The image is at least 30% smaller than its first stage",
  "tests-gate-build": "A failing unit test fails the build, in a stage the final image is built from",
  "no-tests-in-image": "The final image holds no tests and no test tools",
  "pipeline-valid": "The pipeline file is valid and pushes only to the grading's registry",
  "commit-sha-tag": "The image is tagged with the commit being built",
  "tags-pushed": "Every tag of the scheme is in the registry, all on one image",
  "compose-valid": "compose.yaml is a valid Compose file the sandbox allows",
  "compose-healthy": "Every service builds, starts and reports healthy",
  "compose-waits-healthy": "The API waits for the database to be healthy",
  "compose-db-private": "The database port is not published to the host",
  "compose-secrets-env": "The password comes from the environment, not the files or the image",
  "compose-crud": "The API creates, reads, updates and deletes on its published port",
  "compose-persists": "A row survives a restart of the API",
} as const;

export type CheckId = keyof typeof checkCatalogue;

export const checkIds = Object.keys(checkCatalogue) as [CheckId, ...CheckId[]];

export const checkIdSchema = z.enum(checkIds);
