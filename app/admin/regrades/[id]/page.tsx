import type { Metadata } from "next";
import Link from "next/link";
import { RegradeReportView } from "@/components/admin/regrade-report-view";
import { currentContext } from "@/server/auth/current-actor";
import { regradeReport } from "@/server/authoring/regrades";
import { orNotFound } from "@/server/http/page-data";

export const metadata: Metadata = { title: "Regrade report" };
export const dynamic = "force-dynamic";

export default async function RegradeReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const report = await orNotFound(regradeReport(await currentContext(), id));
  return (
    <div className="max-w-4xl">
      <p className="text-sm">
        <Link href="/admin/regrades" className="underline">
          Regrades
        </Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight">Regrade of {report.exercise.title}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Started {new Date(report.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC by {report.requestedBy ?? "a deleted account"}
      </p>
      <div className="mt-4">
        <RegradeReportView initial={report} />
      </div>
    </div>
  );
}
