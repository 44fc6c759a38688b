import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, errorResponse, runAction, toAppError } from "./index";

describe("error model", () => {
  it("maps AppError codes to their status and keeps the message", async () => {
    const response = errorResponse(new AppError("not_found", "No such lesson."));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "No such lesson." } });
  });

  it("turns zod failures into 422 with the fields at fault", async () => {
    const parsed = z.object({ email: z.email("Enter an email address") }).safeParse({ email: "nope" });
    if (parsed.success) throw new Error("expected a failure");
    const response = errorResponse(parsed.error);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { details: { fields: Record<string, string> } } };
    expect(body.error.details.fields).toEqual({ email: "Enter an email address" });
  });

  it("hides unknown errors behind a generic 500 and logs them", () => {
    const logged: unknown[] = [];
    const appError = toAppError(new Error("connection string with a password"), (_m, e) => logged.push(e));
    expect(appError.status).toBe(500);
    expect(appError.message).not.toContain("password");
    expect(logged).toHaveLength(1);
  });

  it("sets Retry-After for rate limits", () => {
    const response = errorResponse(new AppError("rate_limited", "Try again in 2 minutes.", { retryAfterSeconds: 90.2 }));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("91");
  });

  it("lets actions return errors a form can show", async () => {
    const result = await runAction(() => Promise.reject(new AppError("conflict", "That email already has an account.")));
    expect(result).toEqual({ ok: false, code: "conflict", error: "That email already has an account." });
  });
});
