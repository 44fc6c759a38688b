// Account forms: the same schemas check the form in the browser and the input on the server.
import { z } from "zod";

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like ada@example.com."));

export const newPasswordSchema = z
  .string({ error: "Choose a password." })
  .min(12, "Use at least 12 characters for your password.")
  .max(200, "Use at most 200 characters for your password.");

export const signUpSchema = z
  .object({
    name: z.string().trim().max(80, "Keep your name under 80 characters.").optional().transform((v) => (v ? v : undefined)),
    email: emailSchema,
    password: newPasswordSchema,
  })
  .strict();

export const signInSchema = z
  .object({
    email: emailSchema,
    password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200, "That password is too long."),
  })
  .strict();

export const forgotPasswordSchema = z.object({ email: emailSchema }).strict();

export const resetPasswordSchema = z.object({ token: z.string().min(20).max(100), password: newPasswordSchema }).strict();

export const deleteAccountSchema = z.object({ confirmEmail: emailSchema }).strict();


export type SignUpInput = z.infer<typeof signUpSchema>;
export type SignInInput = z.infer<typeof signInSchema>;
