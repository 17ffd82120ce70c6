/**
 * Tiny DOM helpers shared by every view.
 * User-supplied text always goes in through text nodes (textContent), never through innerHTML.
 */

/**
 * Create an element: h("a", {href: "#/", class: "x", onclick: fn}, "text", child, [more]).
 * Attribute values of `true` set a boolean attribute, `false`/`null`/`undefined` leave it out.
 * Keys starting with "on" add event listeners.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (value === true) {
      el.setAttribute(key, "");
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

/** Append children (strings become text nodes; arrays are flattened; null/false are skipped). */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Remove every child of an element. */
export function clear(el) {
  el.replaceChildren();
  return el;
}

let counter = 0;
/** A unique id for label/aria-describedby pairs. */
export function uid(prefix = "id") {
  counter += 1;
  return `${prefix}-${counter}`;
}
