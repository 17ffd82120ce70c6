/** One-click end of an area alert from a mailed link: no login needed, the token is signed. */
import { ApiError, apiUrl } from "../api.js";
import "../messages-resident.js";
import { h } from "../dom.js";
import { notice } from "../forms.js";
import { pick, t } from "../i18n.js";

export async function render(root, params, ctx) {
  root.append(h("h1", {}, t("alerts.unsub_title")));
  try {
    const done = await ctx.api.post(apiUrl("area-alerts", "unsubscribe"), { token: params.token });
    root.append(notice(pick(done)));
  } catch (error) {
    // An invalid link: say so on the page (the alert, if any, stays; the mail's other link still works).
    if (error.name === "AbortError" || !(error instanceof ApiError) || error.status >= 500) throw error;
    root.append(notice(error.message_for(), { kind: "error" }));
  }
}
