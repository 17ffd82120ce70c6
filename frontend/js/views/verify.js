/** The link from the confirmation mail: confirm the address, then invite to log in. */
import { apiUrl } from "../api.js";
import { h } from "../dom.js";
import { pick, t } from "../i18n.js";

export async function render(root, params, ctx) {
  const heading = h("h1", {}, t("verify.title"));
  const status = h("p", { role: "status" }, t("verify.working"));
  root.append(heading, status);
  try {
    const notice = await ctx.api.post(apiUrl("auth", "verify"), { token: params.token });
    status.textContent = pick(notice);
    root.append(h("p", {}, h("a", { href: "#/login", class: "button primary" }, t("verify.login"))));
  } catch (error) {
    if (error.name === "AbortError") return;
    heading.textContent = t("verify.failed_title");
    status.textContent = typeof error.message_for === "function" ? error.message_for() : String(error.message);
    status.classList.add("error-text");
    root.append(
      h("p", {}, h("a", { href: "#/login" }, t("verify.login"))),
      h("p", {}, h("a", { href: "#/register" }, t("verify.again"))),
    );
  }
}
