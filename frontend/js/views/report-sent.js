/** After sending: "check your mail" for anonymous reports, else a thank-you with the link. */
import { append, h } from "../dom.js";
import { pick, t } from "../i18n.js";
import "../messages-reports.js";

export function render(root, params) {
  let filed;
  try {
    filed = JSON.parse(sessionStorage.getItem("stadtstimme.filed") || "null");
  } catch {
    filed = null;
  }
  const needsMail = filed ? filed.needs_confirmation : true;
  append(root, [
    h("h1", {}, needsMail ? t("sent.title") : t("sent.title_done")),
    h("p", { role: "status" }, filed ? pick(filed) : ""),
    needsMail ? null : h("p", {}, h("a", { href: `#/m/${params.slug}/reports/${params.id}` }, t("sent.link"))),
  ]);
}
