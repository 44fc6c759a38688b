// How big a course archive (and an editor's save) may be. An archive is untrusted input that expands: every bound is checked while it
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

/** An editor's save or preview: a lesson body of up to 400,000 characters (server/authoring/lessons.ts), JSON-escaped. */
export const editorBodyMaxBytes = 2 * 1024 * 1024;
