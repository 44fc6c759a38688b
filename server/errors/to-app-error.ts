// Turns anything thrown into the AppError a client may see: zod failures become 422 with the fields at fault,
// unknown errors become a generic 500 and a log line (never a stack trace to the client).
import { ZodError } from "zod";
import { fieldErrors } from "@/lib/validations/field-errors";
import { AppError } from "./app-error";

export type ErrorLogger = (message: string, error: unknown) => void;

const defaultLogger: ErrorLogger = (message, error) => console.error(message, error);

export function toAppError(error: unknown, log: ErrorLogger = defaultLogger): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const fields = fieldErrors(error);
    const summary = Object.entries(fields)
      .map(([field, message]) => (field === "_" ? message : `${field}: ${message}`))
      .join("; ");
    return new AppError("invalid_input", `Please check your input — ${summary}`, { details: { fields } });
  }
  log("unexpected error", error);
  return new AppError("internal", "Something went wrong on our side. Please try again in a moment.");
}
