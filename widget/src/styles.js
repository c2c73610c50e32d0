// The widget's CSS (inside its shadow root: the shop's CSS does not reach it, nor does it reach
// the shop) and the colours derived from the shop's main colour.

export const DEFAULT_COLOR = "#7a2e8e";
const DARK = "#1a1a1a";

/**
 * @typedef {object} Palette
 * @property {string} main  backgrounds: header, launcher, the customer's bubbles
 * @property {string} ink  text on `main`: white or near-black, whichever contrasts more
 * @property {string} focus  outlines and quick replies on white: `main` if it contrasts
 *   enough (3:1), else near-black
 */

/**
 * The colours of the widget from its main colour (any CSS colour, already validated).
 * @param {string} color
 * @returns {Palette}
 */
export function palette(color) {
  const rgba = toRgba(color);
  if (rgba[3] !== 255 && color !== DEFAULT_COLOR) return palette(DEFAULT_COLOR); // see-through
  const main = luminance(rgba);
  const dark = luminance([26, 26, 26]);
  return {
    main: color,
    ink: contrast(main, 1) >= contrast(main, dark) ? "#ffffff" : DARK,
    focus: contrast(main, 1) >= 3 ? color : DARK,
  };
}

/**
 * A CSS colour in sRGB, as a canvas paints it (which understands every syntax the browser does).
 * @param {string} color
 * @returns {number[]} red, green, blue, alpha, each 0–255
 */
function toRgba(color) {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const context = canvas.getContext("2d");
  if (!context) return [0, 0, 0, 255];
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  return Array.from(context.getImageData(0, 0, 1, 1).data);
}

/**
 * WCAG's relative luminance.
 * @param {number[]} rgb  0–255 each
 * @returns {number} 0 (black) to 1 (white)
 */
function luminance(rgb) {
  const [r, g, b] = rgb.slice(0, 3).map((value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * WCAG's contrast ratio of two luminances.
 * @param {number} a
 * @param {number} b
 * @returns {number} 1 to 21
 */
function contrast(a, b) {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

// The palette arrives as custom properties on the host (--cm-main, --cm-ink, --cm-focus).
export const CSS_TEXT = `
:host { all: initial; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f1f24;
}
button { font: inherit; cursor: pointer; }
button:disabled { cursor: not-allowed; opacity: .5; }
button:focus, textarea:focus, a:focus, .log:focus { outline: 3px solid var(--cm-focus); outline-offset: 2px; }
button:focus:not(:focus-visible), a:focus:not(:focus-visible), .log:focus:not(:focus-visible) { outline: none; }
svg { width: 24px; height: 24px; display: block; }
.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  width: 56px; height: 56px; border: 0; border-radius: 50%; padding: 0;
  display: flex; align-items: center; justify-content: center;
  background: var(--cm-main); color: var(--cm-ink);
  box-shadow: 0 4px 14px rgba(0, 0, 0, .28);
}
.launcher svg { width: 28px; height: 28px; }
.panel {
  position: fixed; right: 20px; bottom: 88px; z-index: 2147483001;
  width: 380px; height: 600px; max-width: calc(100vw - 40px); max-height: calc(100vh - 108px);
  display: flex; flex-direction: column; overflow: hidden;
  background: #fff; border-radius: 14px; box-shadow: 0 10px 40px rgba(0, 0, 0, .28);
}
.header {
  display: flex; align-items: center; gap: 8px; padding: 10px 8px 10px 16px;
  background: var(--cm-main); color: var(--cm-ink);
}
.header h2 { flex: 1; margin: 0; font-size: 17px; font-weight: 600; line-height: 1.3; }
.header button:focus { outline-color: var(--cm-ink); outline-offset: -3px; }
.icon-button {
  flex: none; width: 40px; height: 40px; padding: 8px; border: 0; border-radius: 8px;
  background: transparent; color: inherit;
}
.banner { min-height: 36px; padding: 8px 16px; font-size: 14px; line-height: 20px; background: #fff4ce; color: #4d3800; }
.banner.back { background: #e3f4e6; color: #14532d; }
.log {
  flex: 1; overflow-y: auto; overscroll-behavior: contain;
  display: flex; flex-direction: column; gap: 8px; padding: 16px;
  background: #f5f5f7;
}
.log:focus { outline-offset: -3px; }
.welcome { display: flex; flex-direction: column; gap: 8px; }
.msg { display: flex; flex-direction: column; max-width: 85%; }
.msg:empty { display: none; }
.msg.bot { align-self: flex-start; }
.msg.customer { align-self: flex-end; align-items: flex-end; }
.bubble {
  padding: 9px 13px; border-radius: 16px;
  white-space: pre-line; overflow-wrap: anywhere;
}
.bot .bubble { background: #fff; color: #1f1f24; border: 1px solid #dedee3; border-bottom-left-radius: 4px; }
.customer .bubble { background: var(--cm-main); color: var(--cm-ink); border-bottom-right-radius: 4px; }
.bubble a { color: inherit; text-decoration: underline; }
.bubble img { display: block; max-width: 160px; max-height: 160px; margin-top: 6px; border-radius: 8px; }
.replies { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.replies button {
  padding: 6px 12px; border: 1.5px solid var(--cm-focus); border-radius: 999px;
  background: #fff; color: var(--cm-focus); text-align: left;
}
.replies button:hover:enabled { background: var(--cm-main); border-color: var(--cm-main); color: var(--cm-ink); }
.privacy { margin: 0; font-size: 13px; }
.privacy a { color: #3d3d47; }
.notice {
  align-self: center; max-width: 90%; margin: 0; padding: 6px 10px;
  font-size: 13.5px; text-align: center;
  background: #fff4ce; color: #4d3800; border: 1px solid #e6cf7a; border-radius: 8px;
}
.status { min-height: 28px; padding: 4px 16px 6px; font-size: 13px; line-height: 18px; font-style: italic; color: #55555f; background: #f5f5f7; }
.composer {
  display: flex; align-items: flex-end; gap: 6px; padding: 10px 12px;
  border-top: 1px solid #dedee3; background: #fff;
}
textarea {
  flex: 1; min-width: 0; min-height: 40px; max-height: 120px; margin: 0; padding: 8px 10px;
  font: inherit; font-size: 16px; line-height: 1.4; resize: none;
  color: #1f1f24; background: #fff; border: 1px solid #85858f; border-radius: 10px;
}
textarea::placeholder { color: #6b6b75; opacity: 1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.composer .icon-button { color: #3d3d47; }
.send {
  flex: none; height: 40px; padding: 0 14px; border: 0; border-radius: 10px;
  font-weight: 600; background: var(--cm-main); color: var(--cm-ink);
}
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
@media (max-width: 480px) {
  .panel {
    top: 0; right: 0; bottom: 0; left: 0; width: auto; height: auto;
    max-width: none; max-height: none; border-radius: 0;
  }
}
`;
