import type { Metadata } from "next";
import { RoleSelect } from "@/components/admin/role-select";
import { currentContext } from "@/server/auth/current-actor";
import { listAudit } from "@/server/authoring/audit";
import { listUsers } from "@/server/authoring/users";
import { orNotFound } from "@/server/http/page-data";

export const metadata: Metadata = { title: "Users and roles" };
export const dynamic = "force-dynamic";

export default async function AdminUsersPage({ searchParams }: PageProps<"/admin/users">) {
  const { q } = await searchParams;
  const query = typeof q === "string" ? q : "";
  const ctx = await currentContext();
  const [{ users, total }, audit] = await Promise.all([orNotFound(listUsers(ctx, query)), orNotFound(listAudit(ctx, undefined, 20))]);
  return (
    <div className="max-w-4xl">
      <h1 className="text-3xl font-bold tracking-tight">Users and roles</h1>
      <form method="get" className="mt-4 flex gap-2" role="search">
        <input
          name="q"
          defaultValue={query}
          aria-label="Search by email or name"
          placeholder="Email or name"
          className="w-72 rounded-md border border-slate-300 px-3 py-1.5 dark:border-slate-700 dark:bg-slate-900"
        />
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium dark:border-slate-700">
          Search
        </button>
      </form>
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
        {total} account{total === 1 ? "" : "s"}
        {users.length < total && `, the newest ${users.length} shown`}
      </p>
      <table className="mt-3 w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th className="py-2">Email</th>
            <th>Name</th>
            <th>Joined</th>
            <th>Role</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-b border-slate-100 dark:border-slate-900">
              <td className="py-2">{u.email}</td>
              <td>{u.name ?? "—"}</td>
              <td>{u.createdAt.slice(0, 10)}</td>
              <td>
                <RoleSelect userId={u.id} email={u.email} role={u.role} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="audit-heading" className="mt-10">
        <h2 id="audit-heading" className="text-xl font-semibold">
          Recent changes
        </h2>
        {audit.length === 0 ? (
          <p className="mt-2 text-sm">Nothing yet.</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            {audit.map((a) => (
              <li key={a.id}>
                <time dateTime={a.at}>{a.at.replace("T", " ").slice(0, 19)}</time> · {a.actorEmail ?? "a deleted account"} · {a.action} {a.subject} · <code>{a.detail}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
