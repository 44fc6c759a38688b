// How much a course archive may hold once expanded (its upload size is bodyLimits.courseArchive in server/http/limits.ts).
// An archive is untrusted input that expands: every bound is checked while it expands (the gzip stream is cut at the expanded limit; zip entries are refused by their declared sizes before
// they inflate, and inflate into buffers of exactly those sizes), never after.
export const archiveLimits = {
  /** The archive expanded (tar bytes, or the sum of a zip's files). */
  expandedMaxBytes: 32 * 1024 * 1024,
  /** Files and folders in the archive: a course with 50 lessons of 10 exercises with 20 files each fits. */
  maxEntries: 10_000,
} as const;
