/** Consultations of a municipality: running, coming up, finished. */
import { apiUrl, municipalityUrl } from "../api.js";
import "../messages-proposals.js";
import { h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import { formatDate, t } from "../i18n.js";

/** How the person hears of what they follow: each at once, a daily digest, or not at all. */
export async function mailSettings(ctx) {
  const current = await ctx.api.get(apiUrl("me", "notifications"), { signal: ctx.signal });
  const status = h("div");
  return h(
    "section",
    { "aria-labelledby": "mail-heading" },
    h("h2", { id: "mail-heading" }, t("cons.mail_heading")),
    form(
      {
        label: t("cons.mail_heading"),
        onSubmit: async (data) => {
          await ctx.api.put(apiUrl("me", "notifications"), { mode: data.mode });
          status.replaceChildren(notice(t("adm.saved")));
        },
      },
      field({
        name: "mode",
        label: t("cons.mail_mode"),
        type: "select",
        value: current.mode,
        hint: t("cons.mail_hint"),
        options: ["immediate", "daily", "off"].map((m) => ({ value: m, label: t(`cons.mail_${m}`) })),
      }),
      h("button", { type: "submit", class: "secondary" }, t("adm.save")),
    ),
    status,
  );
}

function card(slug, c) {
  return h(
    "li",
    { class: "card" },
    h("h3", {}, h("a", { href: `#/m/${slug}/consultations/${c.id}` }, c.title)),
    c.status === "draft" ? h("p", { class: "badge" }, t("cons.draft")) : null,
    c.summary ? h("p", {}, c.summary) : null,
    h(
      "p",
      { class: "meta" },
      c.starts_at ? `${formatDate(c.starts_at)} – ${formatDate(c.ends_at)} · ` : "",
      t("cons.proposals", { count: c.proposal_count }),
      c.current_phase ? ` · ${t("cons.phase_now", { name: c.current_phase })}` : "",
    ),
  );
}

export async function render(root, params, ctx) {
  const slug = params.slug;
  const all = await ctx.api.get(municipalityUrl(slug, "consultations"), {
    signal: ctx.signal,
  });
  root.append(h("h1", {}, t("cons.title")), h("p", { class: "lead" }, t("cons.intro")));
  if (ctx.session.hasRole(slug, "admin")) {
    root.append(h("p", {}, h("a", { href: `#/m/${slug}/consultations/new`, class: "button" }, t("cons.new"))));
  }
  const sections = [];
  for (const timing of ["running", "upcoming", "finished"]) {
    const items = all.filter((c) => c.timing === timing);
    const id = `cons-${timing}`;
    sections.push(
      h(
        "section",
        { "aria-labelledby": id },
        h("h2", { id }, t(`cons.${timing}`)),
        items.length ? h("ul", { class: "cards" }, items.map((c) => card(slug, c))) : h("p", {}, t("cons.none")),
      ),
    );
  }
  root.append(...sections);
  if (ctx.session.me) root.append(await mailSettings(ctx));
}
