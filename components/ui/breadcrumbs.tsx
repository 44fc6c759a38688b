import Link from "next/link";
import type { Route } from "next";

export interface Crumb {
  label: string;
  href?: Route;
}

/** Where this page sits; the last crumb is the page itself. */
export function Breadcrumbs({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-6 text-sm text-slate-600 dark:text-slate-400">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {crumbs.map((crumb, i) => (
          <li key={i} className="flex items-center gap-2">
            {i > 0 && <span aria-hidden="true">/</span>}
            {crumb.href ? (
              <Link href={crumb.href} className="underline-offset-2 hover:text-slate-900 hover:underline dark:hover:text-white">
                {crumb.label}
              </Link>
            ) : (
              <span aria-current="page" className="font-medium text-slate-800 dark:text-slate-200">
                {crumb.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
