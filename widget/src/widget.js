// The widget: a launcher and a chat panel in a shadow root, driven by the connection.

import { createConnection } from "./connection.js";
import { botMessage, customerMessage, h, icon, ICONS, notice } from "./dom.js";
import { load, save } from "./storage.js";
import { CSS_TEXT, palette } from "./styles.js";
import { TEXTS } from "./texts.js";
import { uploadPhoto } from "./upload.js";

const MAX_CHARS = 2000;
const BACK_SHOWN_MS = 3000; // how long « Connexion rétablie. » stays

/**
 * @typedef {import("./dom.js").Bubble} Bubble
 * @typedef {import("./dom.js").QuickReply} QuickReply
 * @typedef {{open: () => void, close: () => void}} Controls
 */

/**
 * Builds the widget at the end of the page; the socket opens when the panel first opens.
 * @param {import("./config.js").Config} config
 * @returns {Controls}
 */
export function mountWidget(config) {
  const host = document.createElement("cadomaestro-widget");
  const colours = palette(config.color);
  host.style.setProperty("--cm-main", colours.main);
  host.style.setProperty("--cm-ink", colours.ink);
  host.style.setProperty("--cm-focus", colours.focus);
  const root = host.attachShadow({ mode: "open" });

  const launcher = h(
    "button",
    {
      type: "button",
      class: "launcher",
      "aria-label": TEXTS.open,
      "aria-expanded": "false",
      "aria-controls": "panel",
    },
    [icon(ICONS.chat)],
  );
  const closeButton = h(
    "button",
    { type: "button", class: "icon-button", "aria-label": TEXTS.close },
    [icon(ICONS.close)],
  );
  const banner = h("div", { class: "banner", role: "status", hidden: true });
  const log = h("div", {
    class: "log",
    role: "log",
    "aria-live": "polite",
    "aria-label": TEXTS.messages,
    tabindex: "0", // scrollable with the keyboard
  });
  const status = h("div", { class: "status", role: "status", hidden: true });
  const input = /** @type {HTMLTextAreaElement} */ (
    h("textarea", {
      id: "input",
      rows: "1",
      maxlength: String(MAX_CHARS),
      placeholder: TEXTS.placeholder,
      autocomplete: "off",
    })
  );
  const photoButton = /** @type {HTMLButtonElement} */ (
    h(
      "button",
      {
        type: "button",
        class: "icon-button",
        "aria-label": TEXTS.attachPhoto,
        title: TEXTS.attachPhoto,
        hidden: true,
      },
      [icon(ICONS.camera)],
    )
  );
  const fileInput = /** @type {HTMLInputElement} */ (
    h("input", { type: "file", accept: "image/*", hidden: true, tabindex: "-1" })
  );
  const send = /** @type {HTMLButtonElement} */ (
    h("button", { type: "submit", class: "send", disabled: true }, [TEXTS.send])
  );
  const form = h("form", { class: "composer" }, [
    h("label", { for: "input", class: "visually-hidden" }, [TEXTS.input]),
    input,
    photoButton,
    fileInput,
    send,
  ]);
  const panel = h(
    "div",
    { id: "panel", class: "panel", role: "dialog", "aria-label": config.title, hidden: true },
    [
      h("div", { class: "header" }, [h("h2", {}, [config.title]), closeButton]),
      banner,
      log,
      status,
      form,
    ],
  );
  root.append(h("style", {}, [CSS_TEXT]), h("div", { class: "root" }, [launcher, panel]));
  document.body.append(host);

  const openKey = `cadomaestro-widget-open:${config.server}`;
  let isOpen = false;
  let ready = false; // connected, with a session: messages can be sent
  let typing = false;
  let uploading = false;
  let acceptsPhoto = false; // the latest bot bubble asks for a photo
  /** @type {string[]} */
  let photoUrls = []; // object URLs of the thumbnails shown
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let bannerTimer;

  const connection = createConnection(config, {
    onSession: (welcome, history) => {
      photoUrls.forEach((url) => URL.revokeObjectURL(url));
      photoUrls = [];
      log.textContent = "";
      acceptsPhoto = false;
      const area = h("div", { class: "welcome" });
      log.append(area);
      welcome.forEach((bubble) => addBubble(bubble, area));
      if (config.privacyUrl) {
        const link = { href: config.privacyUrl, target: "_blank", rel: "noopener noreferrer" };
        area.append(h("p", { class: "privacy" }, [h("a", link, [TEXTS.privacy])]));
      }
      history.forEach((bubble) => addBubble(bubble));
      scrollDown();
    },
    onBubble: (bubble) => addBubble(bubble),
    onTyping: (value) => {
      typing = value;
      showStatus();
    },
    onError: addNotice,
    onConnection: (state) => {
      clearTimeout(bannerTimer);
      banner.classList.toggle("back", state === "back");
      announce(banner, state === "lost" ? TEXTS.connectionLost : TEXTS.connectionBack);
      if (state === "back") bannerTimer = setTimeout(() => announce(banner, ""), BACK_SHOWN_MS);
      scrollDown();
    },
    onReady: (value) => {
      ready = value;
      updateControls();
    },
  });

  /** Scrolls the log to its latest message. */
  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  /**
   * Shows a bubble at the end of the log (or of `parent`).
   * @param {Bubble} bubble
   * @param {HTMLElement} [parent]
   */
  function addBubble(bubble, parent = log) {
    if (bubble.from === "customer") {
      removeReplies();
      parent.append(customerMessage(bubble.text));
    } else {
      parent.append(botMessage(bubble, reply));
      acceptsPhoto = bubble.accepts_photo === true;
    }
    updateControls();
    scrollDown();
  }

  /**
   * Shows a notice from the system (not the same one twice in a row).
   * @param {string} text
   */
  function addNotice(text) {
    const last = log.lastElementChild;
    if (last && last.classList.contains("notice") && last.textContent === text) return;
    log.append(notice(text));
    scrollDown();
  }

  /** Removes the quick replies offered so far: the customer has answered. */
  function removeReplies() {
    log.querySelectorAll(".replies").forEach((group) => group.remove());
  }

  /** Enables what sends only when it can, and shows the photo button when asked for. */
  function updateControls() {
    send.disabled = !ready;
    photoButton.hidden = !acceptsPhoto;
    photoButton.disabled = !ready || uploading;
    log.querySelectorAll(".replies button").forEach((button) => {
      /** @type {HTMLButtonElement} */ (button).disabled = !ready;
    });
  }

  /** The status line: a photo being sent, else the assistant typing, else a message at its
   * length limit, else nothing. */
  function showStatus() {
    const full = input.value.length >= MAX_CHARS;
    announce(
      status,
      uploading ? TEXTS.uploading : typing ? TEXTS.typing : full ? TEXTS.tooLong : "",
    );
    scrollDown(); // the log got shorter or longer
  }

  /**
   * Sends a message and shows it as the customer's bubble.
   * @param {string} message  what the assistant reads
   * @param {string} shown  what the bubble shows
   * @returns {boolean} whether it was sent
   */
  function say(message, shown) {
    if (!connection.say(message)) return false;
    addBubble({ from: "customer", text: shown });
    return true;
  }

  /** @param {QuickReply} choice */
  function reply(choice) {
    say(choice.payload, choice.title);
  }

  function sendInput() {
    const text = input.value.trim();
    if (!text || !say(text, text)) return;
    input.value = "";
    fitInput();
  }

  /** Grows the textarea with its text (up to its CSS max-height). */
  function fitInput() {
    input.style.height = "auto";
    // Empty: the CSS height (a placeholder that wraps would otherwise grow it).
    input.style.height = input.value ? `${input.scrollHeight + 2}px` : "";
  }

  /** @param {File} file */
  async function sendPhoto(file) {
    const sessionId = connection.sessionId();
    if (!ready || uploading || !sessionId) return;
    uploading = true;
    showStatus();
    updateControls();
    try {
      const id = await uploadPhoto(config.server, sessionId, file);
      if (!connection.say("", [{ id }])) throw new Error(TEXTS.photoFailed);
      const url = URL.createObjectURL(file);
      photoUrls.push(url);
      removeReplies();
      const message = customerMessage(TEXTS.photoSent, url);
      message.querySelector("img")?.addEventListener("load", scrollDown);
      log.append(message);
      scrollDown();
    } catch (error) {
      addNotice(error instanceof Error && error.message ? error.message : TEXTS.photoFailed);
    } finally {
      uploading = false;
      showStatus();
      updateControls();
    }
  }

  /**
   * Opens the panel (and, the first time, the connection).
   * @param {boolean} focus  whether to move the focus to the message input
   */
  function open(focus) {
    if (!isOpen) {
      isOpen = true;
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      save("sessionStorage", openKey, "1");
      connection.start();
      scrollDown();
    }
    if (focus) input.focus();
  }

  function close() {
    if (!isOpen) return;
    const focusInside = root.activeElement !== null; // not taken from the page by close()
    isOpen = false;
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    save("sessionStorage", openKey, null);
    if (focusInside) launcher.focus();
  }

  launcher.addEventListener("click", () => (isOpen ? close() : open(true)));
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sendInput();
  });
  input.addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter starts a new line; not while an input method composes a word.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      sendInput();
    }
  });
  input.addEventListener("input", fitInput);
  input.addEventListener("input", showStatus); // says when the message reaches its limit
  photoButton.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = ""; // the same photo can be chosen again
    if (file) sendPhoto(file);
  });

  // After a reload, a panel that was open opens again (without taking the page's focus).
  if (load("sessionStorage", openKey) === "1") open(false);

  return { open: () => open(true), close };
}

/** @type {WeakMap<HTMLElement, ReturnType<typeof setTimeout>>} */
const pending = new WeakMap();

/**
 * Puts a text into a live region, or hides the region when the text is empty. A hidden region is
 * shown empty first and filled a moment later, so that screen readers announce the text.
 * @param {HTMLElement} region
 * @param {string} text
 */
function announce(region, text) {
  clearTimeout(pending.get(region));
  if (!text) {
    region.hidden = true;
    region.textContent = "";
  } else if (region.hidden) {
    region.hidden = false;
    region.textContent = "";
    pending.set(
      region,
      setTimeout(() => {
        region.textContent = text;
      }, 50),
    );
  } else {
    region.textContent = text;
  }
}
