import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/account/auth-card";
import { CredentialsForm } from "@/components/account/credentials-form";
import { safeNextPath } from "@/lib/validations/next-path";
import { githubEnabled } from "@/server/auth/config";
import { signInWithGitHub, signInWithPassword } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

const oauthErrors: Record<string, string> = {
  "oauth-email-taken": "An account with your GitHub email already exists. Sign in with its password.",
  "oauth-no-email": "Your GitHub account has no email address we can use. Add one on GitHub, or sign up with email and password.",
};

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const errorKey = typeof params.error === "string" ? params.error : null;
  const oauthError = errorKey ? (oauthErrors[errorKey] ?? "Signing in did not work. Please try again.") : null;
  const notice = params.reset ? "Your new password is set and every earlier session has ended. Sign in with it." : params.signedOut ? "Every session of your account has ended. Sign in again here." : null;
  return (
    <AuthCard title="Sign in" intro="Your progress, quiz scores and graded exercises are kept in your account.">
      {oauthError && (
        <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          {oauthError}
        </p>
      )}
      {notice && (
        <p role="status" className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
          {notice}
        </p>
      )}
      <CredentialsForm mode="sign-in" action={signInWithPassword} next={next} />
      <p className="mt-3 text-sm">
        <Link href="/forgot-password" className="underline">
          Forgot your password?
        </Link>
      </p>
      {githubEnabled && (
        <form action={signInWithGitHub} className="mt-4">
          <input type="hidden" name="next" value={next} />
          <button type="submit" className="w-full rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-900">
            Sign in with GitHub
          </button>
        </form>
      )}
      <p className="mt-6 text-sm text-slate-700 dark:text-slate-300">
        New here?{" "}
        <Link href={{ pathname: "/signup", query: { next } }} className="font-medium text-brand-700 underline dark:text-brand-300">
          Create an account
        </Link>{" "}
        — anything you did before signing up comes with you.
      </p>
    </AuthCard>
  );
}
