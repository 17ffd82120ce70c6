/** Back office: surveys – list with their status and answer counts, open/close/publish, invitation codes. */
import { municipalityUrl } from "../../api.js";
import { h } from "../../dom.js";
import { field, form, notice } from "../../forms.js";
import "../../messages-surveys.js";
import { t } from "../../i18n.js";
import { adminFrame } from "./frame.js";

export async function render(root, params, ctx) {
  const content = adminFrame(root, ctx, "surveys");
  if (!content) return;
  const url = (...parts) => municipalityUrl(params.slug, "surveys", ...parts);
  const status = h("div", { role: "status" });
  const list = h("div", {});
  content.append(
    h("p", {}, h("a", { href: `#/m/${params.slug}/admin/surveys/new`, class: "button" }, t("sb.new"))),
    status,
    list,
  );

  async function act(survey, action) {
    if (action === "delete") await ctx.api.delete(url(survey.id));
    else await ctx.api.post(url(survey.id, action));
    await load();
    status.replaceChildren(notice(t("sb.saved")));
  }

  function codesForm(survey, audiences) {
    const shown = h("div", {});
    const el = form(
      {
        label: `${t("sb.codes_title")}: ${survey.title}`,
        onSubmit: async (data) => {
          const made = await ctx.api.post(url(survey.id, "codes"), { audience: data.audience, count: Number(data.count) });
          const group = t(`survey.audience_${made.audience}`);
          shown.replaceChildren(
            notice(t("sb.codes_made", { count: made.codes.length, group })),
            h("ol", { class: "survey-codes" }, made.codes.map((c) => h("li", {}, h("code", {}, c)))),
            h("button", { type: "button", class: "secondary", onclick: () => window.print() }, t("sb.print")),
          );
        },
      },
      field({ name: "audience", label: t("survey.audience"), type: "select", value: audiences[0], options: audiences.map((a) => ({ value: a, label: t(`survey.audience_${a}`) })) }),
      field({ name: "count", label: t("sb.codes_count"), type: "number", value: 20, required: true, attrs: { min: 1, max: 5000 } }),
      h("button", { type: "submit", class: "secondary" }, t("sb.codes_make")),
    );
    const mailed = h("div", {});
    const byMail = form(
      {
        label: `${t("sb.codes_mail_title")}: ${survey.title}`,
        onSubmit: async (data) => {
          const sent = await ctx.api.post(url(survey.id, "codes", "mail"), { audience: data.audience, emails: data.emails });
          const group = t(`survey.audience_${sent.audience}`);
          mailed.replaceChildren(notice(t("sb.codes_mailed", { count: sent.sent, group })),
            sent.duplicates ? h("p", {}, t("sb.codes_duplicates", { count: sent.duplicates })) : null);
        },
      },
      field({ name: "audience", label: t("survey.audience"), type: "select", value: audiences[0], options: audiences.map((a) => ({ value: a, label: t(`survey.audience_${a}`) })) }),
      field({ name: "emails", label: t("sb.codes_emails"), type: "textarea", hint: t("sb.codes_emails_hint"), required: true, attrs: { rows: 5, autocomplete: "off" } }),
      h("button", { type: "submit", class: "secondary" }, t("sb.codes_mail")),
    );
    return h("section", { "aria-label": `${t("sb.codes_title")}: ${survey.title}` }, h("h4", {}, t("sb.codes_title")), el, shown,
      h("h4", {}, t("sb.codes_mail_title")), byMail, mailed);
  }

  async function load() {
    const surveys = await ctx.api.get(url(), { signal: ctx.signal });
    const details = await Promise.all(surveys.map((s) => ctx.api.get(url(s.id), { signal: ctx.signal })));
    list.replaceChildren(
      h("ul", { class: "cards" }, surveys.map((s, i) => {
        const detail = details[i];
        const buttons = [];
        const button = (action, label, cls = "secondary") => h("button", { type: "button", class: cls, onclick: () => act(s, action) }, `${t(label)}: ${s.title}`);
        if (s.status === "draft") {
          buttons.push(h("a", { href: `#/m/${params.slug}/admin/surveys/${s.id}`, class: "button secondary" }, t("sb.edit")), button("open", "sb.open", "primary"), button("delete", "sb.delete"));
        }
        if (s.status === "open") buttons.push(button("close", "sb.close"));
        if (s.status === "closed") buttons.push(button("publish", "sb.publish", "primary"), button("open", "sb.open"));
        if (s.status === "open" || s.status === "closed") {
          buttons.push(h("a", { href: `#/m/${params.slug}/surveys/${s.id}/paper`, class: "button secondary" }, t("sb.paper")));
        }
        if (s.status !== "draft") {
          // the questions to read (no longer editable) and the results (live for admins while it runs)
          buttons.push(h("a", { href: `#/m/${params.slug}/admin/surveys/${s.id}` }, t("sb.view_questions")),
            " ", h("a", { href: `#/m/${params.slug}/surveys/${s.id}/results` }, t("sb.results")));
        }
        return h("li", { class: "card", dataset: { survey: s.id } },
          h("h3", {}, s.title),
          h("p", { class: "meta" }, t(`survey.status_${s.status}`), detail.counts ? ` · ${t("sb.answers", { count: detail.counts.total })}` : ""),
          h("div", { class: "actions" }, buttons),
          s.access_modes.includes("code") && s.status !== "results_published" ? codesForm(s, detail.definition.audiences) : null);
      })),
    );
  }
  await load();
}
