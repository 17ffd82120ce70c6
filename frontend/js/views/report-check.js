/** The landing page of the one-click links in "Ist der Mangel behoben?": the page sends the clicked answer
 * (no mail scanner answers by prefetching), offers an optional comment, and after "nein" or "teilweise" the
 * reopening with a reason. The token works without login. */
import { ApiError, municipalityUrl } from "../api.js";
import "../messages-resident.js";
import { h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import { t } from "../i18n.js";
import { reopenForm } from "./report-updates.js";

const ANSWERS = ["ja", "nein", "teilweise"];

export async function render(root, params, ctx) {
  const slug = params.slug;
  const answer = ANSWERS.includes(params.answer) ? params.answer : "ja";
  const send = (body) => ctx.api.post(municipalityUrl(slug, "reports", "fix-check"), { token: params.token, ...body });
  let state;
  try {
    state = await send({ answer });
  } catch (error) {
    // An old or mistyped link: the page exists to say so (and where the report is), not to fail.
    if (error.name === "AbortError" || !(error instanceof ApiError) || error.status >= 500) throw error;
    root.append(
      h("h1", {}, t("check.title")),
      notice(error.message_for(), { kind: "error" }),
      h("p", {}, h("a", { href: `#/m/${slug}/reports/${params.id}` }, t("check.to_report"))),
    );
    return;
  }
  const saved = h("div", { "aria-live": "polite" });
  root.append(
    h("h1", {}, t("check.title")),
    notice(t(`check.thanks.${state.answer}`), { kind: "success" }),
    saved,
    form(
      {
        label: t("check.save"),
        onSubmit: async (data) => {
          await send({ answer: data.answer, comment: data.comment || "" });
          saved.replaceChildren(notice(t("check.saved"), { kind: "success" }));
        },
      },
      field({ name: "answer", label: t("check.answer"), type: "select", required: true, value: state.answer,
        options: ANSWERS.map((a) => ({ value: a, label: t(`check.${a}`) })) }),
      field({ name: "comment", label: t("check.comment"), type: "textarea", hint: t("check.comment_hint") }),
      h("button", { type: "submit", class: "secondary" }, t("check.save")),
    ),
  );
  if (state.may_reopen) root.append(reopenForm(ctx, slug, params.id, params.token));
  else if (state.answer !== "ja") root.append(h("p", { class: "muted" }, t("check.too_late")));
  root.append(h("p", {}, h("a", { href: `#/m/${slug}/reports/${params.id}` }, t("check.to_report"))));
}
