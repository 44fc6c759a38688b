import Link from "next/link";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 dark:border-slate-800">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-semibold tracking-tight text-brand-700 dark:text-brand-300">
          Shipshape
        </Link>
        <Link href="/learn/containers" className="text-sm font-medium text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
          Containers course
        </Link>
        <div className="ml-auto flex items-center gap-3">
          <Link href="/signin" className="text-sm font-medium text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
            Sign in
          </Link>
        </div>
      </nav>
    </header>
  );
}
