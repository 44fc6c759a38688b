// next-auth reports a failed credentials sign-in by error code; these are ours, mapped back to messages in the
// sign-in action (the code travels in URLs, so it says nothing about which part was wrong).
import { CredentialsSignin } from "@auth/core/errors";

export class WrongCredentials extends CredentialsSignin {
  override code = "wrong-credentials";
}

export class SignInRateLimited extends CredentialsSignin {
  override code = "rate-limited";
}
