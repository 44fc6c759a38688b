import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/account/auth-card";
import { confirmEmail } from "./actions";

export const metadata: Metadata = { title: "Confirm your email address" };

export default async function VerifyEmailPage({ searchParams }: PageProps<"/verify-email">) {
  const { token, error } = await searchParams;
  return (
    <AuthCard title="Confirm your email address" intro="Confirming shows the address is yours; then you can grade exercises.">
      {typeof token !== "string" || error ? (
        <p role="status">
          This link is used, expired or wrong.{" "}
          <Link href="/settings" className="underline">
            Send a new one from Account settings
          </Link>
        </p>
      ) : (
        <form action={confirmEmail}>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Confirm my address
          </button>
        </form>
      )}
    </AuthCard>
  );
}
