// The embedding <script> element's settings (data-* attributes).

import { DEFAULT_COLOR } from "./styles.js";
import { TEXTS } from "./texts.js";

// Captured while the bundle first runs: document.currentScript is null in any callback later
// (and always for async scripts once they have run).
const SCRIPT = /** @type {HTMLScriptElement | null} */ (
  document.currentScript || document.querySelector('script[src*="widget.js"]')
);

/**
 * @typedef {object} Config
 * @property {string} server  the assistant's base URL, without a trailing slash
 * @property {string} title
 * @property {string} color  a valid CSS colour
 * @property {string | null} token  a logged-in customer's token, passed on as it is
 * @property {string | null} privacyUrl  an http(s) URL
 */

/**
 * Reads the settings, with their defaults.
 * @returns {Config}
 */
export function readConfig() {
  const data = SCRIPT ? SCRIPT.dataset : {};
  const color = (data.color || "").trim();
  return {
    server: serverUrl(data.server || ""),
    title: (data.title || "").trim() || TEXTS.defaultTitle,
    color: color && window.CSS && CSS.supports("color", color) ? color : DEFAULT_COLOR,
    token: data.token || null,
    privacyUrl: httpUrl(data.privacyUrl || ""),
  };
}

/**
 * The server's URL: data-server, else the origin the script came from, else the page's.
 * @param {string} given
 * @returns {string}
 */
function serverUrl(given) {
  const url =
    httpUrl(given) ||
    (SCRIPT && SCRIPT.src ? new URL(SCRIPT.src, location.href).origin : location.origin);
  return url.replace(/\/+$/, "");
}

/**
 * An absolute http(s) URL, or null (never a javascript: link).
 * @param {string} value  absolute, or relative to the page
 * @returns {string | null}
 */
function httpUrl(value) {
  if (!value.trim()) return null;
  try {
    const url = new URL(value.trim(), location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
