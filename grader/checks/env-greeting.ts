import { fail, pass, skip, type Check } from "./check";

export const envGreeting: Check = {
  id: "env-greeting",
  uses: ["app"],
  async run(s) {
    const greeting = s.spec.greeting;
    if (!greeting) return skip("The exercise names no greeting variable.");
    const app = await s.app();
    const res = await app.probe("GET", greeting.path);
    const sent = app.greeting ?? "";
    if (!res.ok) return fail(`GET ${greeting.path} got no answer (${res.error}).`, { sent: { [greeting.env]: sent } });
    const field = res.json && typeof res.json === "object" ? (res.json as Record<string, unknown>)[greeting.jsonField] : undefined;
    const evidence = { sent: { [greeting.env]: sent }, got: { status: res.status, body: res.body.slice(0, 2000) } };
    if (field === sent) return pass(`Run with ${greeting.env}=${sent}, the app answered "${greeting.jsonField}": "${sent}".`, evidence);
    return fail(`Run with ${greeting.env}=${sent}, "${greeting.jsonField}" was ${JSON.stringify(field)}. Read the variable when answering, not at build time.`, evidence);
  },
};
