/**
 * The list alternative every map needs: the same content as the map layer, as an accessible list.
 * items: [{id, label, detail?, href?, onMap?, excerpt?, thumb?: {src, alt}}]; with `onShow`, each item drawn on
 * the map (onMap !== false) gets a button "show on the map"; an item with a thumbnail shows it before its text.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

export function renderList({ heading, intro, items, empty, onShow, id }) {
  const headingId = `${id || "map-list"}-heading`;
  return h(
    "section",
    { class: "map-list", "aria-labelledby": headingId, id: id || null },
    h("h2", { id: headingId }, heading),
    items.length ? (intro ? h("p", {}, intro) : null) : h("p", {}, empty || ""),
    items.length
      ? h(
          "ul",
          { class: "feature-list" },
          items.map((item) => {
            const parts = [
              item.href ? h("a", { href: item.href }, item.label) : h("span", { class: "feature-name" }, item.label),
              item.detail ? h("span", { class: "feature-detail" }, ` – ${item.detail}`) : null,
              item.excerpt ? h("span", { class: "report-excerpt" }, item.excerpt) : null,
              onShow && item.onMap !== false
                ? h(
                    "button",
                    { type: "button", class: "link-button", onclick: () => onShow(item) },
                    t("list.show_on_map", { name: item.label }),
                  )
                : null,
            ];
            return item.thumb
              ? h(
                  "li",
                  { dataset: { id: item.id }, class: "report-list-item" },
                  h("img", { src: item.thumb.src, alt: item.thumb.alt, width: "72", height: "54", loading: "lazy" }),
                  h("div", {}, parts),
                )
              : h("li", { dataset: { id: item.id } }, parts);
          }),
        )
      : null,
  );
}

/** Districts of a municipality GeoJSON answer as list items, sorted by name. */
export function districtItems(municipality) {
  return municipality.districts.features
    .map((f) => ({ id: f.id, label: String(f.properties.name), onMap: Boolean(f.geometry) }))
    .sort((a, b) => a.label.localeCompare(b.label, "de"));
}
