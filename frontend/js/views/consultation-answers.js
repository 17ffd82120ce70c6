/** Admins answer each proposal (status and text), then publish answers one by one or all at once. */
import { municipalityUrl } from "../api.js";
import "../messages-admin.js";
import "../messages-proposals.js";
import { h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import { pick, t } from "../i18n.js";
import { counts } from "./proposal-parts.js";

const STATUSES = ["in_review", "accepted", "rejected", "implemented"];

export async function render(root, params, ctx) {
  const slug = params.slug;
  const url = (...parts) => municipalityUrl(slug, ...parts);
  if (!ctx.session.hasRole(slug, "admin")) {
    root.append(h("h1", {}, t("adm.answers")), h("p", {}, t("admin.forbidden")));
    return;
  }
  const [consultation, proposals] = await Promise.all([
    ctx.api.get(url("consultations", params.id), { signal: ctx.signal }),
    ctx.api.get(url("consultations", params.id, "answers"), { signal: ctx.signal }),
  ]);
  const status = h("div", { role: "status" });
  const reload = () => ctx.navigate(`/m/${slug}/consultations/${params.id}/answers`);
  root.append(
    h("h1", {}, t("adm.answers")),
    h("p", { class: "lead" }, h("a", { href: `#/m/${slug}/consultations/${params.id}` }, consultation.title)),
    status,
    h(
      "p",
      {},
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: async () => {
            const done = await ctx.api.post(url("consultations", params.id, "answers", "publish"));
            status.replaceChildren(notice(pick(done)));
          },
        },
        t("adm.publish_all"),
      ),
    ),
  );
  const list = h("ul", { class: "cards" });
  for (const p of proposals) {
    const item = h(
      "li",
      { class: "card", id: `answer-${p.id}` },
      h("h2", {}, h("a", { href: `#/m/${slug}/proposals/${p.id}` }, p.title)),
      h("p", { class: "meta" }, counts(p), " · ", p.answer_published ? t("adm.published") : t("adm.unpublished")),
    );
    item.append(
      form(
        {
          label: `${t("adm.answer_text")}: ${p.title}`,
          onSubmit: async (data, el) => {
            await ctx.api.put(url("proposals", p.id, "answer"), { status: data.status, text: data.text });
            if (el.dataset.publish === "1") await ctx.api.post(url("proposals", p.id, "answer", "publish"));
            reload();
          },
        },
        field({
          name: "status",
          label: t("adm.answer_status"),
          type: "select",
          value: p.answer_status || "in_review",
          options: STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
        }),
        field({ name: "text", label: t("adm.answer_text"), type: "textarea", value: p.answer_text }),
        h("button", { type: "submit", class: "secondary", onclick: (e) => { e.currentTarget.form.dataset.publish = "0"; } }, t("adm.save_answer")),
        " ",
        h("button", { type: "submit", class: "primary", onclick: (e) => { e.currentTarget.form.dataset.publish = "1"; } }, t("adm.publish")),
      ),
    );
    list.append(item);
  }
  root.append(list);
}
