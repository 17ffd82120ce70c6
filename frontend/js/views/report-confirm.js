/** The link from the confirmation mail: the report counts from now on. */
import { municipalityUrl } from "../api.js";
import { h } from "../dom.js";
import { pick, t } from "../i18n.js";
import "../messages-reports.js";

export async function render(root, params, ctx) {
  const heading = h("h1", {}, t("confirm.title"));
  const status = h("p", { role: "status" }, t("confirm.working"));
  root.append(heading, status);
  try {
    const filed = await ctx.api.post(municipalityUrl(params.slug, "reports", "confirm"), {
      token: params.token,
    });
    status.textContent = pick(filed);
    root.append(h("p", {}, h("a", { href: `#/m/${params.slug}/reports/${filed.id}`, class: "button primary" }, t("sent.link"))));
  } catch (error) {
    if (error.name === "AbortError") return;
    heading.textContent = t("confirm.failed");
    status.textContent = typeof error.message_for === "function" ? error.message_for() : String(error.message);
  }
}
