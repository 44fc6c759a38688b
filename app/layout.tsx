import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { placedReaderScript } from "@/components/lesson/placed-reader";
import { themeScript } from "@/components/ui/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Shipshape — learn containers by shipping them", template: "%s · Shipshape" },
  description: "Hands-on lessons on containerizing backend services, with Dockerfiles graded live in a sandbox.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#020618" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* A fixed script of ours (see components/ui/theme.ts): sets the theme before first paint. */}
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        {/* Also ours (components/lesson/placed-reader.ts): lays a lesson out whole where the browser places the reader. */}
        <script dangerouslySetInnerHTML={{ __html: placedReaderScript }} />
      </head>
      <body className="flex min-h-screen flex-col bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-brand-600 focus:px-3 focus:py-2 focus:text-white">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
          {children}
        </main>
        <footer className="border-t border-slate-200 py-6 text-center text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
          Shipshape — learn containers by shipping them.
        </footer>
      </body>
    </html>
  );
}
