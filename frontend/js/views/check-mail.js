/** After registering or asking for a reset link: look in your inbox. */
import { h } from "../dom.js";
import { t } from "../i18n.js";

export function render(root) {
  root.append(
    h("h1", {}, t("checkmail.title")),
    h("p", { role: "status" }, t("checkmail.text")),
    h("p", {}, t("checkmail.spam")),
  );
}
