/** The link mailed to a new address: confirm it, then the account uses it. */
import "../messages-account.js";
import { apiUrl } from "../api.js";
import { h } from "../dom.js";
import { pick, t } from "../i18n.js";

export async function render(root, params, ctx) {
  const heading = h("h1", {}, t("acc.confirm_title"));
  const status = h("p", { role: "status" }, t("acc.confirm_working"));
  root.append(heading, status);
  try {
    const answer = await ctx.api.post(apiUrl("auth", "email-change", "confirm"), { token: params.token });
    status.textContent = pick(answer);
    await ctx.session.refresh();
  } catch (error) {
    if (error.name === "AbortError") return;
    heading.textContent = t("acc.confirm_failed");
    status.textContent = typeof error.message_for === "function" ? error.message_for() : String(error.message);
    status.classList.add("error-text");
  }
  root.append(h("p", {}, h("a", { href: "#/account" }, t("acc.to_account"))));
}
