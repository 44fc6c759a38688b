import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/account/auth-card";
import { CredentialsForm } from "@/components/account/credentials-form";
import { safeNextPath } from "@/lib/validations/next-path";
import { signUp } from "./actions";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: PageProps<"/signup">) {
  const next = safeNextPath((await searchParams).next);
  return (
    <AuthCard title="Create an account" intro="Free. Quick tests you took and sections you read in this browser are added to your new account.">
      <CredentialsForm mode="sign-up" action={signUp} next={next} />
      <p className="mt-6 text-sm text-slate-700 dark:text-slate-300">
        Already have an account?{" "}
        <Link href={{ pathname: "/signin", query: { next } }} className="font-medium text-brand-700 underline dark:text-brand-300">
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
