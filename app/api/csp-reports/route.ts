import { recordCspReport } from "@/server/http/csp-reports";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Where browsers report Content-Security-Policy violations (report-uri); answered 204, logged. */
export const POST = route(
  { permission: "anyone", crossSite: true, body: { maxBytes: 16 * 1024, types: ["application/csp-report", "application/reports+json", "application/json"] } },
  async ({ json, request }) => {
    await recordCspReport(json, request.headers.get("user-agent"));
    return new Response(null, { status: 204 });
  },
);
