// Lesson sections are laid out only near the viewport for the first paint (app/globals.css). When the browser is
// about to place the reader somewhere other than the top — at a section's address, or at the offset a reload or a
// step back through history restores — it would aim at estimated heights and stop elsewhere. This script runs in
// <head> before the first paint and, on those navigations, marks the page so every section is laid out at once, as
// if the deferral did not exist. A fixed string written here, never built from input (allowed by its hash, proxy.ts).
const layOutAllAttribute = "data-lay-out-all";

export const placedReaderScript = `(function () {
  try {
    var entry = performance.getEntriesByType("navigation")[0];
    var restored = entry && (entry.type === "reload" || entry.type === "back_forward");
    if (restored || location.hash) document.documentElement.setAttribute("${layOutAllAttribute}", "");
  } catch (e) {}
})();`;
