/** Shown when a view fails: a heading ("not found" for a 404) and the server's message in the current language. */
import { h } from "../dom.js";
import { t, currentLang } from "../i18n.js";

export function renderError(root, error) {
  const message = error && typeof error.message_for === "function" ? error.message_for(currentLang()) : String(error && error.message || error);
  const missing = error && error.status === 404;
  root.replaceChildren(
    h("h1", {}, t(missing ? "notfound.title" : "error.title")),
    h("p", { role: "alert" }, message),
    h("p", {}, h("a", { href: "#/" }, t("notfound.home"))),
  );
}

export function render(root, params) {
  renderError(root, params.error);
}
