/** Surveys of a municipality: the running ones to take part in, and the ended ones. */
import { municipalityUrl } from "../api.js";
import { h } from "../dom.js";
import "../messages-surveys.js";
import { formatDate, t } from "../i18n.js";

export async function render(root, params, ctx) {
  const slug = params.slug;
  const all = await ctx.api.get(municipalityUrl(slug, "surveys"), { signal: ctx.signal });
  document.title = `${t("survey.list_title")} – stadtstimme`;
  root.append(h("h1", {}, t("survey.list_title")), h("p", { class: "lead" }, t("survey.list_intro")));
  const shown = all.filter((s) => s.status !== "draft");
  if (!shown.length) {
    root.append(h("p", {}, t("survey.none")));
    return;
  }
  const title = (s) => (document.documentElement.lang === "en" && s.title_en) || s.title;
  root.append(
    h("ul", { class: "cards" }, shown.map((s) =>
      h("li", { class: "card" },
        h("h2", {}, h("a", { href: `#/m/${slug}/surveys/${s.id}` }, title(s))),
        h("p", { class: "meta" }, s.status === "open" ? t("survey.open_now") : t(`survey.status_${s.status}`),
          s.ends_on && s.status === "open" ? ` · ${t("survey.until", { date: formatDate(s.ends_on) })}` : ""),
        s.status === "open" ? h("p", {}, h("a", { href: `#/m/${slug}/surveys/${s.id}`, class: "button" }, t("survey.answer"))) : null),
    )),
  );
}
