import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/account/auth-card";
import { Field } from "@/components/account/field";
import { requestReset } from "./actions";

export const metadata: Metadata = { title: "Forgot your password?" };

// Codes only travel in the URL, never text, so a crafted link cannot make this page say something of its own.
const errors: Record<string, string> = {
  invalid_input: "Enter a valid email address, like ada@example.com.",
  rate_limited: "Too many links were asked for from your network. Try again in an hour.",
};

export default async function ForgotPasswordPage({ searchParams }: PageProps<"/forgot-password">) {
  const { sent, error } = await searchParams;
  const problem = typeof error === "string" ? (errors[error] ?? "That did not work. Please try again in a moment.") : null;
  return (
    <AuthCard title="Forgot your password?" intro="We send a link to choose a new one to the address you signed up with.">
      {sent ? (
        <p role="status" data-testid="reset-sent">
          If an account uses that address, a link is on its way. It works once, for 30 minutes.
        </p>
      ) : (
        <form action={requestReset} className="flex flex-col gap-4">
          {problem && (
            <p role="status" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
              {problem}
            </p>
          )}
          <Field name="email" label="Email" type="email" autoComplete="email" required />
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Send me a link
          </button>
        </form>
      )}
      <p className="mt-6 text-sm">
        <Link href="/signin" className="underline">
          Back to sign in
        </Link>
      </p>
    </AuthCard>
  );
}
