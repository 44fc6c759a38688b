// The catalogue's checks by id; `satisfies` makes a missing or extra id a type error.
import type { CheckId } from "@/grader/contract";
import type { Check } from "./check";
import { baseImagePinned } from "./base-image-pinned";
import { baseImageSlim } from "./base-image-slim";
import { build } from "./build";
import { commitShaTag } from "./commit-sha-tag";
import { contextSmall } from "./context-small";
import { depsBeforeSource } from "./deps-before-source";
import { depsPinned } from "./deps-pinned";
import { dockerfileValid } from "./dockerfile-valid";
import { dockerignoreCovers } from "./dockerignore-covers";
import { envGreeting } from "./env-greeting";
import { execFormCmd } from "./exec-form-cmd";
import { exposeMatches } from "./expose-matches";
import { healthcheckDeclared } from "./healthcheck-declared";
import { healthy } from "./healthy";
import { imageSizeCut30 } from "./image-size-cut-30";
import { imageSizeSmaller } from "./image-size-smaller";
import { composeCrud } from "./compose-crud";
import { composeDbPrivate } from "./compose-db-private";
import { composeHealthy } from "./compose-healthy";
import { composePersists } from "./compose-persists";
import { composeSecretsEnv } from "./compose-secrets-env";
import { composeValid } from "./compose-valid";
import { composeWaitsHealthy } from "./compose-waits-healthy";
import { multiStage } from "./multi-stage";
import { noSecrets } from "./no-secrets";
import { noTestsInImage } from "./no-tests-in-image";
import { pipNoCache } from "./pip-no-cache";
import { pipelineValid } from "./pipeline-valid";
import { responds } from "./responds";
import { starts } from "./starts";
import { tagsPushed } from "./tags-pushed";
import { testsGateBuild } from "./tests-gate-build";
import { userNonRoot } from "./user-non-root";
import { whoamiNonRoot } from "./whoami-non-root";

export const checks = {
  "dockerfile-valid": dockerfileValid,
  build,
  starts,
  responds,
  "env-greeting": envGreeting,
  "whoami-non-root": whoamiNonRoot,
  "user-non-root": userNonRoot,
  healthy,
  "healthcheck-declared": healthcheckDeclared,
  "dockerignore-covers": dockerignoreCovers,
  "context-small": contextSmall,
  "base-image-slim": baseImageSlim,
  "base-image-pinned": baseImagePinned,
  "pip-no-cache": pipNoCache,
  "deps-pinned": depsPinned,
  "deps-before-source": depsBeforeSource,
  "no-secrets": noSecrets,
  "expose-matches": exposeMatches,
  "exec-form-cmd": execFormCmd,
  "image-size-smaller": imageSizeSmaller,
  "multi-stage": multiStage,
  "image-size-cut-30": imageSizeCut30,
  "tests-gate-build": testsGateBuild,
  "no-tests-in-image": noTestsInImage,
  "pipeline-valid": pipelineValid,
  "commit-sha-tag": commitShaTag,
  "tags-pushed": tagsPushed,
  "compose-valid": composeValid,
  "compose-healthy": composeHealthy,
  "compose-waits-healthy": composeWaitsHealthy,
  "compose-db-private": composeDbPrivate,
  "compose-secrets-env": composeSecretsEnv,
  "compose-crud": composeCrud,
  "compose-persists": composePersists,
} as const satisfies Record<CheckId, Check>;
