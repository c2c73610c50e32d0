// The photo upload: the raw file to <server>/widget/upload, before its id is sent as an
// attachment of a message.

import { TEXTS } from "./texts.js";

/**
 * Uploads a photo.
 * @param {string} server
 * @param {string} sessionId
 * @param {File} file
 * @returns {Promise<string>} the photo's id
 * @throws {Error} with the French message to show (the server's, or a general one)
 */
export async function uploadPhoto(server, sessionId, file) {
  let response;
  try {
    response = await fetch(`${server}/widget/upload`, {
      method: "POST",
      headers: {
        "Content-Type": file.type || "application/octet-stream",
        "X-Session-Id": sessionId,
      },
      body: file,
      credentials: "omit",
    });
  } catch {
    throw new Error(TEXTS.photoFailed); // network failure, refused by CORS
  }
  /** @type {any} */
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: the general message
  }
  if (response.status === 201 && body && typeof body.id === "string" && body.id) return body.id;
  const message = body && typeof body.message === "string" && body.message.trim();
  throw new Error(message || TEXTS.photoFailed);
}
