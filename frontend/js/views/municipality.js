/** A municipality's start page: plain-language welcome, the city map with districts and its list. */
import { municipalityUrl } from "../api.js";
import { telHref } from "../profile-rules.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { createBaseMap } from "../map/base.js";
import { districtItems, renderList } from "../map/list.js";

/** How to reach the town hall: address, a tel: and a mailto: link, opening hours; nothing when none is known. */
function contactSection(municipality) {
  const lines = (text) => String(text || "").split("\n").filter(Boolean).flatMap((line, i) => (i ? [h("br"), line] : [line]));
  const hours = municipality.opening_hours || [];
  if (!municipality.contact_email && !municipality.contact_phone && !municipality.contact_address && !hours.length) return "";
  return h(
    "section",
    { class: "contact", "aria-labelledby": "contact-heading" },
    h("h2", { id: "contact-heading" }, t("municipality.contact")),
    municipality.contact_address ? h("p", { class: "contact-address" }, lines(municipality.contact_address)) : null,
    municipality.contact_phone || municipality.contact_email
      ? h(
          "p",
          {},
          municipality.contact_phone ? [h("a", { href: telHref(municipality.contact_phone) }, municipality.contact_phone)] : null,
          municipality.contact_phone && municipality.contact_email ? h("br") : null,
          municipality.contact_email ? h("a", { href: `mailto:${municipality.contact_email}` }, municipality.contact_email) : null,
        )
      : null,
    hours.length
      ? [h("h3", {}, t("profile.opening_heading")), h("ul", { class: "opening-hours" }, hours.map((line) => h("li", {}, line)))]
      : null,
  );
}

export async function render(root, params, ctx) {
  const municipality = await ctx.api.get(municipalityUrl(params.slug), {
    signal: ctx.signal,
  });
  const items = districtItems(municipality);
  const drawn = items.filter((item) => item.onMap).length;
  const mapBox = h("div", { id: "city-map", class: "map-frame" });
  const mapSection = h(
    "section",
    { class: "map-section", "aria-labelledby": "map-heading" },
    h("h2", { id: "map-heading", class: "visually-hidden" }, t("map.heading")),
    mapBox,
    ctx.config.tile_url || municipality.tiles_enabled === false
      ? null // switched off by the municipality: the base map says so itself
      : h("p", { class: "map-note" }, t(drawn ? "map.no_tiles" : "map.no_tiles_boundary")),
    items.length && !drawn ? h("p", { class: "map-note" }, t("map.no_district_shapes")) : null,
  );
  const layout = h("div", { class: "map-page" }, mapSection);
  root.append(
    h("h1", {}, t("municipality.title", { name: municipality.name })),
    h("p", { class: "lead" }, t("municipality.welcome")),
    h("p", {}, t("municipality.welcome_map", { name: municipality.name })),
    layout,
  );
  const base = createBaseMap(mapBox, { municipality, config: ctx.config });
  layout.append(
    renderList({
      id: "district-list",
      heading: t("list.heading"),
      intro: t("list.count", { name: municipality.name, count: items.length }),
      empty: t("list.empty", { name: municipality.name }),
      items,
      onShow: (item) => {
        base.showDistrict(item.id);
        mapBox.scrollIntoView({ block: "nearest" });
      },
    }),
  );
  root.append(contactSection(municipality));
  return () => base.destroy();
}
