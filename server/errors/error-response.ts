// The one way route handlers turn errors into HTTP responses: `{ error: { code, message, details? } }`.
import { toAppError, type ErrorLogger } from "./to-app-error";

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export function errorResponse(error: unknown, log?: ErrorLogger): Response {
  const appError = toAppError(error, log);
  const body: ErrorBody = { error: { code: appError.code, message: appError.message, ...(appError.details ? { details: appError.details } : {}) } };
  const headers = new Headers({ "content-type": "application/json" });
  if (appError.retryAfterSeconds !== undefined) headers.set("retry-after", String(Math.ceil(appError.retryAfterSeconds)));
  return new Response(JSON.stringify(body), { status: appError.status, headers });
}

/** Wraps a route handler so every thrown error goes through errorResponse. */
export function handleErrors<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
