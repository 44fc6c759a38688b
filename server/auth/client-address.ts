// The client address that sign-in attempts are counted under. Behind a proxy it is the first X-Forwarded-For
// entry; a client can forge that header, which is why attempts are also counted per email.
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
