import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { currentContext } from "@/server/auth/current-actor";
import { adminSections } from "@/server/authoring/admin-area";
import { orNotFound } from "@/server/http/page-data";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin · Shipshape" } };
export const dynamic = "force-dynamic";

const tab = "rounded-md px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-900";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const ctx = await currentContext();
  if (!ctx.actor) redirect("/signin?next=/admin");
  const sections = await orNotFound(Promise.resolve().then(() => adminSections(ctx)));
  return (
    <div>
      <nav aria-label="Admin" className="mb-6 flex flex-wrap gap-2 border-b border-slate-200 pb-3 dark:border-slate-800">
        <span className="mr-2 font-semibold">Admin</span>
        {sections.content && (
          <Link href="/admin" className={tab}>
            Courses
          </Link>
        )}
        {sections.content && (
          <Link href="/admin/regrades" className={tab}>
            Regrades
          </Link>
        )}
        {sections.users && (
          <Link href="/admin/users" className={tab}>
            Users
          </Link>
        )}
      </nav>
      {children}
    </div>
  );
}
