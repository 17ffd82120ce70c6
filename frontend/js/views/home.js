/** Start page: the city map when there is one municipality, else a list to choose from. */
import { h } from "../dom.js";
import { t } from "../i18n.js";

export async function render(root, params, ctx) {
  const list = ctx.municipalities;
  if (list.length === 1) {
    const municipality = await import("./municipality.js");
    return municipality.render(root, { ...params, slug: list[0].slug }, ctx);
  }
  root.append(h("h1", {}, t("home.title")));
  if (!list.length) {
    root.append(h("p", {}, t("home.none")), h("p", {}, t("home.none_hint")));
    return null;
  }
  root.append(
    h("p", { id: "choose-label" }, t("home.choose")),
    h(
      "ul",
      { class: "choice-list", "aria-labelledby": "choose-label" },
      list.map((m) => h("li", {}, h("a", { href: `#/m/${encodeURIComponent(m.slug)}` }, m.name))),
    ),
  );
  return null;
}
