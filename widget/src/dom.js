// Rendering helpers. Text from the server or the customer only ever becomes text nodes
// (append / textContent): never innerHTML, so "<b>" or "<script>" shows as it was written.

import { TEXTS } from "./texts.js";

/**
 * @typedef {{title: string, payload: string}} QuickReply
 * @typedef {object} Bubble
 * @property {"bot" | "customer"} from
 * @property {string} text
 * @property {QuickReply[]} [quick_replies]
 * @property {boolean} [accepts_photo]
 */

/**
 * Creates an element.
 * @param {string} tag
 * @param {Record<string, string | boolean | null | undefined>} [attributes]  true: present
 *   without a value; false, null, undefined: absent
 * @param {(Node | string)[]} [children]  strings become text nodes
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) node.setAttribute(name, "");
    else if (typeof value === "string") node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/**
 * A decorative 24×24 SVG icon (its button carries the accessible name).
 * @param {string} path  the `d` of its path
 * @returns {SVGSVGElement}
 */
export function icon(path) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const shape = document.createElementNS(ns, "path");
  shape.setAttribute("d", path);
  shape.setAttribute("fill", "currentColor");
  svg.append(shape);
  return svg;
}

export const ICONS = {
  chat: "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z",
  close:
    "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z",
  camera:
    "M9 3h6l1.8 2H20a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2h3.2zm3 4.5a5 5 0 1 0 0 10 5 5 0 0 0 0-10zm0 2a3 3 0 1 1 0 6 3 3 0 0 1 0-6z",
};

// An http(s) URL (or one starting with "www.", as the carriers' sites are written) up to the
// next space or quote, or an e-mail address.
const LINK =
  /\b(?:https?:\/\/|www\.)[^\s<>"«»]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const TRAILING = ".,;:!?'\"’)]}";

/**
 * A URL found in a sentence, without the punctuation that ends the sentence (a closing
 * parenthesis stays when the URL opened one).
 * @param {string} url
 * @returns {string}
 */
function trimUrl(url) {
  let end = url.length;
  while (end > 0 && TRAILING.includes(url[end - 1])) {
    const kept = url.slice(0, end);
    if (kept.endsWith(")") && count(kept, "(") >= count(kept, ")")) break;
    end -= 1;
  }
  return url.slice(0, end);
}

/**
 * @param {string} text
 * @param {string} char
 * @returns {number} how many times `char` occurs in `text`
 */
function count(text, char) {
  return text.split(char).length - 1;
}

/**
 * A text as nodes, with http(s) URLs and e-mail addresses as links.
 * @param {string} text
 * @returns {DocumentFragment}
 */
export function linkify(text) {
  const fragment = document.createDocumentFragment();
  const pattern = new RegExp(LINK.source, "g");
  let done = 0;
  let match;
  while ((match = pattern.exec(text))) {
    const isUrl = !match[0].includes("@") || /^(?:https?:\/\/|www\.)/.test(match[0]);
    const found = isUrl ? trimUrl(match[0]) : match[0];
    const href = found.startsWith("www.") ? `https://${found}` : found;
    if (match.index > done) fragment.append(text.slice(done, match.index));
    fragment.append(
      isUrl
        ? h("a", { href, target: "_blank", rel: "noopener noreferrer" }, [found])
        : h("a", { href: `mailto:${found}` }, [found]),
    );
    done = match.index + found.length;
    pattern.lastIndex = done;
  }
  if (done < text.length) fragment.append(text.slice(done));
  return fragment;
}

/**
 * A bot's bubble, followed by its quick replies (if any).
 * @param {Bubble} bubble
 * @param {(reply: QuickReply) => void} onReply
 * @returns {HTMLElement}
 */
export function botMessage(bubble, onReply) {
  const row = h("div", { class: "msg bot" });
  if (bubble.text) row.append(h("div", { class: "bubble" }, [linkify(bubble.text)]));
  const replies = bubble.quick_replies || [];
  if (replies.length) {
    row.append(
      h(
        "div",
        { class: "replies", role: "group" },
        replies.map((reply) => {
          const button = h("button", { type: "button" }, [reply.title]);
          button.addEventListener("click", () => onReply(reply));
          return button;
        }),
      ),
    );
  }
  return row;
}

/**
 * The customer's bubble: a text, or a photo's thumbnail.
 * @param {string} text
 * @param {string} [photoUrl]  an object URL of the photo sent
 * @returns {HTMLElement}
 */
export function customerMessage(text, photoUrl) {
  const bubble = h("div", { class: "bubble" }, [text]);
  if (photoUrl) bubble.append(h("img", { src: photoUrl, alt: TEXTS.photoAlt }));
  return h("div", { class: "msg customer" }, [bubble]);
}

/**
 * A notice from the system (an error, say): no one's bubble.
 * @param {string} text
 * @returns {HTMLElement}
 */
export function notice(text) {
  return h("p", { class: "notice" }, [text]);
}
