import "server-only";
// Pages load their data through this: a data function's "not found" or "forbidden" (a wrong slug, someone else's
// record, a cohort page for a learner) becomes Next's 404 page — to whoever may not open a page, it does not exist;
// every other error goes on to the error boundary.
import { notFound } from "next/navigation";
import { isAppError } from "@/server/errors";

export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (isAppError(error) && (error.code === "not_found" || error.code === "forbidden")) notFound();
    throw error;
  }
}
