// Web storage that never throws: it may be disabled, full, or refused in a private window,
// and the widget then simply forgets (a new conversation after a reload).

/**
 * @param {"localStorage" | "sessionStorage"} area
 * @param {string} key
 * @returns {string | null}
 */
export function load(area, key) {
  try {
    return window[area].getItem(key);
  } catch {
    return null;
  }
}

/**
 * @param {"localStorage" | "sessionStorage"} area
 * @param {string} key
 * @param {string | null} value  null removes the key
 */
export function save(area, key, value) {
  try {
    if (value === null) window[area].removeItem(key);
    else window[area].setItem(key, value);
  } catch {
    // not kept: see above
  }
}
