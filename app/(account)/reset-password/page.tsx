import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/account/auth-card";
import { Field } from "@/components/account/field";
import { chooseNewPassword } from "./actions";

export const metadata: Metadata = { title: "Choose a new password" };

const errors: Record<string, string> = {
  password: "Use between 10 and 200 characters for your password.",
  token: "This link is used, expired or wrong.",
};

export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  const { token, error } = await searchParams;
  const problem = typeof error === "string" ? errors[error] : undefined;
  return (
    <AuthCard title="Choose a new password" intro="After this, every device signed in to your account is signed out.">
      {typeof token !== "string" || error === "token" ? (
        <p role="status">
          {problem ?? "Open the link from the mail we sent you."}{" "}
          <Link href="/forgot-password" className="underline">
            Ask for a new link
          </Link>
        </p>
      ) : (
        <form action={chooseNewPassword} className="flex flex-col gap-4">
          <input type="hidden" name="token" value={token} />
          <Field name="password" label="New password" type="password" autoComplete="new-password" required error={problem} hint="At least 12 characters." />
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Set the new password
          </button>
        </form>
      )}
    </AuthCard>
  );
}
