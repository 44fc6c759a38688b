import Link from "next/link";
import { AccountMenu } from "@/components/account/account-menu";
import { ThemeToggle } from "@/components/ui/theme-toggle";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 dark:border-slate-800">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 sm:gap-x-5 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-semibold tracking-tight text-brand-700 dark:text-brand-300">
          Shipshape
        </Link>
        <Link href="/learn/containers" className="text-sm font-medium text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
          Containers course
        </Link>
        <div className="ml-auto flex items-center gap-3">
          <AccountMenu />
        </div>
        <ThemeToggle />
      </nav>
    </header>
  );
}
