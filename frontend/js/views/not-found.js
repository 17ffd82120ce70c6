/** Any hash that matches no route. */
import { h } from "../dom.js";
import { t } from "../i18n.js";

export function render(root) {
  root.append(
    h("h1", {}, t("notfound.title")),
    h("p", {}, t("notfound.text")),
    h("p", {}, h("a", { href: "#/" }, t("notfound.home"))),
  );
}
