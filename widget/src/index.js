// The widget's entry point. config.js comes first: it reads document.currentScript, which is
// only set while this bundle first runs.

import { readConfig } from "./config.js";
import { mountWidget } from "./widget.js";

/** Mounts the widget once (a page may include the script twice). */
function start() {
  if (window.CadoMaestroWidget) return;
  const widget = mountWidget(readConfig());
  window.CadoMaestroWidget = Object.freeze({ open: widget.open, close: widget.close });
}

// Nothing is built before the page is parsed, so nothing delays its first paint.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start, { once: true });
} else {
  start();
}
