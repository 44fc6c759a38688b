// How big a course archive may be. An archive is untrusted input that expands: every bound is checked while it
// expands (the gzip stream is cut at the expanded limit; zip entries are refused by their declared sizes before
// they inflate, and inflate into buffers of exactly those sizes), never after.
export const archiveLimits = {
  /** The upload as sent: the built-in course is about 150 KiB compressed. */
  bodyMaxBytes: 10 * 1024 * 1024,
  /** The archive expanded (tar bytes, or the sum of a zip's files). */
  expandedMaxBytes: 32 * 1024 * 1024,
  /** Files and folders in the archive: a course with 50 lessons of 10 exercises with 20 files each fits. */
  maxEntries: 10_000,
} as const;
