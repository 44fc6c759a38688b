import type { Metadata, Route } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SmallForm } from "@/components/account/small-form";
import { hasPermission } from "@/server/authz";
import { currentContext } from "@/server/auth/current-actor";
import { listMyCohorts } from "@/server/cohorts/cohorts";
import { createCohortAction } from "./actions";

export const metadata: Metadata = { title: "Cohorts" };
export const dynamic = "force-dynamic";

export default async function InstructorPage() {
  const ctx = await currentContext();
  const me = ctx.actor;
  if (!me) redirect("/signin?next=/instructor");
  if (!hasPermission(me, "cohorts:manage")) {
    return (
      <div className="mx-auto max-w-2xl">
        <h1 className="text-3xl font-bold tracking-tight">Cohorts</h1>
        <p className="mt-4">Cohorts are for instructors. Ask an admin if you teach a group of learners.</p>
      </div>
    );
  }
  const cohorts = await listMyCohorts(ctx);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold tracking-tight">Cohorts</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Give your learners a cohort&apos;s join link: they see what you will see of their work and join if they agree. Then follow them lesson by lesson and exercise by exercise.
      </p>
      {cohorts.length === 0 ? (
        <p className="mt-6">No cohorts yet.</p>
      ) : (
        <ul className="mt-6 flex flex-col gap-2">
          {cohorts.map((c) => (
            <li key={c.id} className="rounded-md border border-slate-200 px-4 py-3 dark:border-slate-800">
              <Link href={`/instructor/${c.id}` as Route} className="font-medium underline">
                {c.name}
              </Link>{" "}
              <span className="text-sm text-slate-600 dark:text-slate-400">
                · {c._count.members} member{c._count.members === 1 ? "" : "s"}
                {c.owner.email !== me.email && ` · owner ${c.owner.email}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <section className="mt-8">
        <h2 className="text-lg font-semibold">New cohort</h2>
        <div className="mt-3">
          <SmallForm field={{ name: "name", label: "Name" }} submitLabel="Create cohort" action={createCohortAction} />
        </div>
      </section>
    </div>
  );
}
