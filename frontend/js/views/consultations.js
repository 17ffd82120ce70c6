/** Consultations of a municipality: running, coming up, finished. */
import "../messages-proposals.js";
import { h } from "../dom.js";
import { formatDate, t } from "../i18n.js";

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
  const all = await ctx.api.get(`/api/v1/municipalities/${encodeURIComponent(slug)}/consultations`, {
    signal: ctx.signal,
  });
  root.append(h("h1", {}, t("cons.title")), h("p", { class: "lead" }, t("cons.intro")));
  if (ctx.session.hasRole(slug, "admin")) {
    root.append(h("p", {}, h("a", { href: `#/m/${slug}/consultations/new`, class: "button" }, t("cons.new"))));
  }
  for (const timing of ["running", "upcoming", "finished"]) {
    const items = all.filter((c) => c.timing === timing);
    const id = `cons-${timing}`;
    root.append(
      h(
        "section",
        { "aria-labelledby": id },
        h("h2", { id }, t(`cons.${timing}`)),
        items.length ? h("ul", { class: "cards" }, items.map((c) => card(slug, c))) : h("p", {}, t("cons.none")),
      ),
    );
  }
}
