// Dark mode follows the system until the reader picks a theme with the header toggle; the pick is remembered.
// The script below runs in <head> before the page paints, so a remembered dark theme never flashes white.
// It is a fixed string written here, never built from user input.
export const themeStorageKey = "shipshape:theme";

export type Theme = "light" | "dark";

export const themeScript = `(function () {
  try {
    var root = document.documentElement;
    var query = window.matchMedia("(prefers-color-scheme: dark)");
    var stored = function () {
      var t = localStorage.getItem("${themeStorageKey}");
      return t === "light" || t === "dark" ? t : null;
    };
    var apply = function () { root.dataset.theme = stored() || (query.matches ? "dark" : "light"); };
    apply();
    query.addEventListener("change", apply);
  } catch (e) {}
})();`;
