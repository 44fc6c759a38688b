// The database password comes from the environment Compose runs in: the grader sets the exercise's variable to a
// fresh value in every grading, so it must reach both services through compose.yaml's ${VARIABLE}, and no
// Dockerfile of the project may give a secret-looking variable a value (it would ship in the image).
import { fail, pass, type Check } from "./check";
import { parseDockerfile } from "./dockerfile-model";
import { bakedSecrets, describeBaked } from "./no-secrets";
import { acceptedProject } from "./compose-project";

export const composeSecretsEnv: Check = {
  id: "compose-secrets-env",
  async run(s) {
    const { project } = await acceptedProject(s);
    const variable = s.spec.project?.secretEnv ?? "";
    const gets = (env: Record<string, string>) => Object.entries(env).filter(([, v]) => v.includes(project.password)).map(([k]) => k);
    for (const service of project.plan.services) {
      const source = service.buildContext === null ? undefined : s.files[service.buildContext ? `${service.buildContext}/Dockerfile` : "Dockerfile"];
      const model = source === undefined ? null : parseDockerfile(source);
      const baked = model ? bakedSecrets(model) : [];
      if (baked.length > 0) return fail(`${service.name}'s Dockerfile bakes a secret into the image (${describeBaked(baked)}); take it from the environment at run time.`, { service: service.name, variables: baked });
    }
    const dbGets = gets(project.database.environment);
    if (dbGets.length === 0) return fail(`${project.database.name} does not take its password from \${${variable}}: it is written in the file, or missing.`, { variable });
    const apiGets = gets(project.api.environment);
    if (apiGets.length === 0) return fail(`${project.api.name} does not get the password from \${${variable}}, so it can only hold a copy written into the project.`, { variable });
    return pass(`The password comes from \${${variable}}: ${project.database.name} reads it as ${dbGets.join(", ")}, ${project.api.name} as ${apiGets.join(", ")}; no Dockerfile bakes a secret in.`);
  },
};
