// The CRUD calls compose-crud and compose-persists make, each answer judged and written down for the evidence.
import type { ComposeGrading } from "@/grader/compose/compose-grading";
import type { ProbeResponse } from "./check";

type Step = { call: string; status: number | null; answer: string };
type Outcome<T = object> = ({ ok: true } & T) | { ok: false; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const said = (r: ProbeResponse): string => (r.ok ? `${r.status} ${r.body.slice(0, 200)}` : r.error);

export function crudCalls(compose: ComposeGrading, crud: { path: string; field: string }) {
  const collection = crud.path.replace(/\/$/, "");
  const steps: Step[] = [];
  const call = async (method: "GET" | "POST" | "PUT" | "DELETE", path: string, json?: unknown) => {
    const r = await compose.request(method, path, json);
    steps.push({ call: `${method} ${path}${json === undefined ? "" : ` ${JSON.stringify(json)}`}`, status: r.ok ? r.status : null, answer: said(r).slice(0, 300) });
    return r;
  };
  const item = (id: string) => `${collection}/${encodeURIComponent(id)}`;
  return {
    collection,
    steps,
    async create(value: string): Promise<Outcome<{ id: string }>> {
      const r = await call("POST", collection, { [crud.field]: value });
      if (!r.ok || (r.status !== 200 && r.status !== 201)) return { ok: false, message: `POST ${collection} answered ${said(r)}; expected 201 with the new row.` };
      const id = isRecord(r.json) ? r.json.id : undefined;
      if (typeof id !== "number" && typeof id !== "string") return { ok: false, message: `POST ${collection} answered ${r.body.slice(0, 200)}; expected JSON with the new row's "id".` };
      return { ok: true, id: String(id) };
    },
    async read(id: string, value: string): Promise<Outcome> {
      const r = await call("GET", item(id));
      if (!r.ok || r.status !== 200) return { ok: false, message: `GET ${item(id)} answered ${said(r)}; expected 200 with the row.` };
      if (!isRecord(r.json) || r.json[crud.field] !== value) return { ok: false, message: `GET ${item(id)} answered ${r.body.slice(0, 200)}; expected "${crud.field}": "${value}".` };
      return { ok: true };
    },
    async update(id: string, value: string): Promise<Outcome> {
      const r = await call("PUT", item(id), { [crud.field]: value });
      if (!r.ok || (r.status !== 200 && r.status !== 204)) return { ok: false, message: `PUT ${item(id)} answered ${said(r)}; expected 200.` };
      return { ok: true };
    },
    async remove(id: string): Promise<Outcome> {
      const r = await call("DELETE", item(id));
      if (!r.ok || (r.status !== 200 && r.status !== 204)) return { ok: false, message: `DELETE ${item(id)} answered ${said(r)}; expected 204.` };
      const gone = await call("GET", item(id));
      if (!gone.ok || gone.status !== 404) return { ok: false, message: `After DELETE, GET ${item(id)} answered ${said(gone)}; expected 404.` };
      return { ok: true };
    },
  };
}
