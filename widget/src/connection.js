// The socket.io connection to the assistant, and the protocol's events (see ../README.md).
// Payloads from the server are checked here: the rest of the widget gets well-formed bubbles.

import { io } from "socket.io-client";
import { load, save } from "./storage.js";
import { TEXTS } from "./texts.js";

/**
 * @typedef {import("./dom.js").Bubble} Bubble
 * @typedef {import("./dom.js").QuickReply} QuickReply
 * @typedef {object} Handlers
 * @property {(welcome: Bubble[], history: Bubble[]) => void} onSession  a (re)connection's
 *   session: the whole conversation so far
 * @property {(bubble: Bubble) => void} onBubble  a new bubble (the bot's, or the customer's
 *   from another tab)
 * @property {(typing: boolean) => void} onTyping
 * @property {(message: string) => void} onError  a French message to show
 * @property {(state: "lost" | "back") => void} onConnection  lost, or back after a loss
 * @property {(ready: boolean) => void} onReady  whether messages can be sent
 * @typedef {object} Connection
 * @property {() => void} start  connects, the first time it is called
 * @property {() => string | null} sessionId
 * @property {(message: string, attachments?: {id: string}[]) => boolean} say  sends a message;
 *   false when not ready (nothing sent)
 */

// How long before asking again when the server refused a session or closed the socket.
const RETRY_MS = 5000;

/**
 * Prepares the connection (it opens on `start()`).
 * @param {import("./config.js").Config} config
 * @param {Handlers} handlers
 * @returns {Connection}
 */
export function createConnection(config, handlers) {
  const storageKey = `cadomaestro-widget:${config.server}`;
  // socket.io takes a URL's path as a namespace: the server's path goes into `path` instead.
  const server = new URL(config.server);
  const socket = io(server.origin, {
    path: `${server.pathname.replace(/\/+$/, "")}/socket.io/`,
    transports: ["websocket", "polling"],
    autoConnect: false,
    withCredentials: false,
    reconnectionDelayMax: 5000,
  });
  let sessionId = load("localStorage", storageKey);
  let confirmed = false;
  let lost = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let retry;

  /** @param {() => void} action */
  const later = (action) => {
    clearTimeout(retry);
    retry = setTimeout(action, RETRY_MS);
  };
  const requestSession = () => {
    if (!socket.connected) return;
    /** @type {{session_id: string | null, token?: string}} */
    const request = { session_id: sessionId };
    if (config.token) request.token = config.token;
    socket.emit("session_request", request);
  };
  /** @param {boolean} value */
  const setConfirmed = (value) => {
    const changed = confirmed !== value;
    confirmed = value;
    if (changed) handlers.onReady(value);
  };
  const markLost = () => {
    setConfirmed(false);
    handlers.onTyping(false);
    if (!lost) handlers.onConnection("lost");
    lost = true;
  };

  socket.on("connect", () => {
    clearTimeout(retry);
    setConfirmed(false);
    requestSession(); // on every connection: a new socket joins the conversation again
    if (lost) handlers.onConnection("back");
    lost = false;
  });
  socket.on("disconnect", (reason) => {
    markLost();
    // socket.io reconnects by itself, except when the server closed the socket.
    if (reason === "io server disconnect") later(() => socket.connect());
  });
  socket.on("connect_error", () => {
    markLost();
    if (!socket.active) later(() => socket.connect()); // refused by the server: no retry of its own
  });
  socket.on("session_confirm", (data) => {
    if (!isObject(data) || typeof data.session_id !== "string" || !data.session_id) return;
    clearTimeout(retry);
    sessionId = data.session_id;
    save("localStorage", storageKey, sessionId);
    handlers.onSession(bubbles(data.welcome), bubbles(data.history));
    setConfirmed(true);
  });
  socket.on("bot_uttered", (data) => {
    const bubble = asBubble(data, "bot");
    if (bubble) handlers.onBubble(bubble);
  });
  socket.on("customer_uttered", (data) => {
    const bubble = asBubble(data, "customer");
    if (bubble) handlers.onBubble(bubble);
  });
  socket.on("typing", (data) => handlers.onTyping(isObject(data) && data.typing === true));
  socket.on("error_message", (data) => {
    const message = isObject(data) && typeof data.message === "string" && data.message.trim();
    handlers.onError(message || TEXTS.error);
    if (!confirmed) later(requestSession); // the session was refused (the store is down, say)
  });

  return {
    start: () => {
      if (!socket.connected && !socket.active) socket.connect();
    },
    sessionId: () => sessionId,
    say: (message, attachments) => {
      if (!confirmed || !socket.connected) return false; // never buffered before a session
      // The page without its query and fragment, which may carry personal data.
      /** @type {{page_url: string, attachments?: {id: string}[]}} */
      const metadata = { page_url: location.origin + location.pathname };
      if (attachments) metadata.attachments = attachments;
      socket.emit("user_uttered", { message, metadata });
      return true;
    },
  };
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The well-formed bubbles of a list from the server.
 * @param {unknown} items
 * @returns {Bubble[]}
 */
function bubbles(items) {
  if (!Array.isArray(items)) return [];
  return items.map((item) => asBubble(item)).filter((bubble) => bubble !== null);
}

/**
 * A bubble from the server, checked (anything unknown dropped), or null.
 * @param {unknown} data
 * @param {"bot" | "customer"} [from]  what the event says it is; else the item's `from`
 * @returns {Bubble | null}
 */
function asBubble(data, from) {
  if (!isObject(data)) return null;
  const sender = from || data.from;
  if (sender !== "bot" && sender !== "customer") return null;
  const text = typeof data.text === "string" ? data.text : "";
  if (sender === "customer") return text.trim() ? { from: sender, text } : null;
  /** @type {QuickReply[]} */
  const replies = Array.isArray(data.quick_replies)
    ? data.quick_replies.filter(
        (reply) =>
          isObject(reply) && typeof reply.title === "string" && typeof reply.payload === "string",
      )
    : [];
  if (!text.trim() && !replies.length && data.accepts_photo !== true) return null;
  /** @type {Bubble} */
  const bubble = { from: sender, text };
  if (replies.length)
    bubble.quick_replies = replies.map(({ title, payload }) => ({ title, payload }));
  if (data.accepts_photo === true) bubble.accepts_photo = true;
  return bubble;
}
