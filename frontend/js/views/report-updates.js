/** On a report's page: the "reopened" mark, residents' updates with the form to add one, and "nicht behoben"
 * (reopen a report closed as fixed with a reason). The server decides who may; the page offers it to people
 * who are logged in. Kept apart from report-detail.js, which only appends this section. */
import { municipalityUrl } from "../api.js";
import "../messages-resident.js";
import { h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import { formatDate, t } from "../i18n.js";

export async function residentSection(report, ctx, slug) {
  const url = (...parts) => municipalityUrl(slug, ...parts);
  const updates = await ctx.api.get(url("reports", report.id, "updates"), { signal: ctx.signal }).catch(() => []);
  const list = h("ol", { id: "report-updates" }, updates.map(updateItem));
  const section = h("section", { "aria-labelledby": "updates-heading" },
    report.reopened_at
      ? h("p", { class: "notice", id: "report-reopened" }, t("reopen.marked", { date: formatDate(report.reopened_at) }))
      : null,
    h("h2", { id: "updates-heading" }, t("updates.heading")),
    updates.length ? list : [h("p", { class: "muted", id: "no-updates" }, t("updates.none")), list]);
  const status = h("div", { "aria-live": "polite" });
  section.append(status);
  if (ctx.session.me && report.status_group === "open") {
    section.append(
      h("h3", {}, t("updates.add")),
      h("p", { class: "muted" }, t("updates.who")),
      form(
        {
          label: t("updates.add"),
          onSubmit: async (data, el) => {
            let added = await ctx.api.post(url("reports", report.id, "updates"), { text: data.text });
            const files = el.querySelector("input[name=photos]").files;
            if (files.length) {
              const body = new FormData();
              for (const file of files) body.append("photos", file);
              added = await ctx.api.upload(url("reports", report.id, "updates", added.id, "photos"), body);
            }
            document.getElementById("no-updates")?.remove();
            list.append(updateItem(added));
            el.reset();
            status.replaceChildren(notice(t("updates.sent"), { kind: "success" }));
          },
        },
        field({ name: "text", label: t("updates.text"), type: "textarea", required: true, hint: t("updates.text_hint") }),
        field({ name: "photos", label: t("updates.photos"), type: "file", hint: t("updates.photos_hint"),
          attrs: { accept: "image/jpeg,image/png,image/webp", multiple: true } }),
        h("button", { type: "submit", class: "primary" }, t("updates.send")),
      ),
    );
  }
  if (ctx.session.me && report.status === "erledigt") {
    section.append(reopenForm(ctx, slug, report.id, null));
  }
  return section;
}

function updateItem(u) {
  return h("li", {},
    h("strong", {}, u.by_reporter ? t("updates.by_reporter") : t("updates.by_resident")),
    ` – ${formatDate(u.created_at, { dateStyle: "medium", timeStyle: "short" })}`,
    u.visibility !== "public" ? h("em", {}, ` (${t("updates.pending")})`) : null,
    h("p", {}, u.text),
    u.photos && u.photos.length
      ? h("ul", { class: "photo-previews" }, u.photos.map((p, i) => h("li", {},
          h("a", { href: p.url }, h("img", { src: p.thumb_url, alt: t("updates.photo_alt", { n: i + 1 }), width: "120" })))))
      : null);
}

/** "Nicht behoben": the reason, sent with the fix question's token when there is one (no login needed). */
export function reopenForm(ctx, slug, reportId, token) {
  return h("section", { "aria-labelledby": "reopen-heading", id: "reopen" },
    h("h2", { id: "reopen-heading" }, t("reopen.heading")),
    h("p", {}, t("reopen.intro")),
    form(
      {
        label: t("reopen.send"),
        onSubmit: async (data) => {
          await ctx.api.post(municipalityUrl(slug, "reports", reportId, "reopen"), { reason: data.reason, ...(token ? { token } : {}) });
          ctx.navigate(`/m/${slug}/reports/${reportId}`, { replace: true });
        },
      },
      field({ name: "reason", label: t("reopen.reason"), type: "textarea", required: true, hint: t("reopen.reason_hint") }),
      h("button", { type: "submit", class: "primary" }, t("reopen.send")),
    ));
}
