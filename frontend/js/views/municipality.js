/** A municipality's start page: plain-language welcome, "Mangel melden", running consultations, new reports and
 * answers, one map with reports and proposal pins (layers switched by labelled checkboxes) and its lists. */
import { municipalityUrl } from "../api.js";
import { telHref } from "../profile-rules.js";
import { h } from "../dom.js";
import { currentLang, formatDate, t } from "../i18n.js";
import { L, createBaseMap } from "../map/base.js";
import { districtItems, renderList } from "../map/list.js";
import { placeName } from "../map/picker-logic.js";
import { reportsLayer, reportsLegend } from "../map/reports-layer.js";
import { statusLabel } from "../messages-reports.js";
import "../messages-home.js";

const quietly = (promise, fallback) => promise.catch((error) => (error.name === "AbortError" ? Promise.reject(error) : fallback));

/** Pins of the proposals of running consultations: a purple diamond (not a circle), a popup with a link. */
function proposalsLayer(pins, slug) {
  const layer = L.layerGroup();
  for (const pin of pins) {
    const marker = L.marker([pin.lat, pin.lon], {
      icon: L.divIcon({ className: "proposal-pin", iconSize: [18, 18] }),
      title: pin.title,
      alt: pin.title,
      keyboard: true,
    });
    marker.bindPopup(() =>
      h(
        "div",
        { class: "map-popup" },
        h("p", { class: "popup-title" }, pin.title),
        h("p", {}, pin.consultation),
        h("p", {}, h("a", { href: `#/m/${slug}/proposals/${pin.id}` }, t("home.to_proposal"))),
      ),
    );
    marker.on("add", () => marker.getElement()?.setAttribute("aria-label", pin.title));
    marker.addTo(layer);
  }
  return layer;
}

function layerSwitch(map, entries) {
  return h(
    "fieldset",
    { class: "layer-switch" },
    h("legend", {}, t("home.layers")),
    entries.map(({ id, label, layer, swatch }) => {
      const box = h("input", { type: "checkbox", id, checked: true });
      box.addEventListener("change", () => (box.checked ? layer.addTo(map) : map.removeLayer(layer)));
      return h("label", { for: id, class: "checkbox" }, box, h("span", { class: `map-swatch ${swatch}`, "aria-hidden": "true" }), label);
    }),
  );
}

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
  const slug = params.slug;
  const signal = ctx.signal;
  const get = (path, query) => ctx.api.get(municipalityUrl(slug, ...path), { signal, query });
  const [municipality, legend, running, finished, recent] = await Promise.all([
    ctx.api.get(municipalityUrl(slug), { signal }),
    quietly(get(["defect-statuses"]), []),
    quietly(get(["consultations"], { timing: "running" }), []),
    quietly(get(["consultations"], { timing: "finished" }), []),
    quietly(get(["reports"], { limit: 5, details: true }), { features: [] }),
  ]);
  const lang = currentLang();
  // Pins of running consultations, and the newest published answers of running and finished ones.
  const pinLists = await Promise.all(
    running.map((c) => quietly(get(["consultations", c.id, "pins"]), []).then((pins) => pins.map((p) => ({ ...p, consultation: c.title })))),
  );
  const pins = pinLists.flat();
  const answered = (
    await Promise.all(
      [...running, ...finished].slice(0, 4).map((c) =>
        quietly(get(["consultations", c.id, "proposals"], { limit: 20 }), { items: [] }).then((page) =>
          (page.items || []).filter((p) => p.answer_status).map((p) => ({ ...p, consultation: c.title })),
        ),
      ),
    )
  ).flat().slice(0, 5);
  const items = districtItems(municipality);
  const drawn = items.filter((item) => item.onMap).length;
  const mapBox = h("div", { id: "city-map", class: "map-frame" });
  const mapSection = h(
    "section",
    { class: "map-section", "aria-labelledby": "map-heading" },
    h("h2", { id: "map-heading", class: "visually-hidden" }, t("map.heading")),
    mapBox,
    reportsLegend({ proposals: pins.length > 0 }),
    ctx.config.tile_url || municipality.tiles_enabled === false
      ? null // switched off by the municipality: the base map says so itself
      : h("p", { class: "map-note" }, t(drawn ? "map.no_tiles" : "map.no_tiles_boundary")),
    items.length && !drawn ? h("p", { class: "map-note" }, t("map.no_district_shapes")) : null,
  );
  const layout = h("div", { class: "map-page" }, mapSection);
  const reportItems = recent.features.map(({ properties: p }) => ({
    id: p.id,
    label: t("reports.item", { id: p.id, category: (lang === "en" ? p.category_name_en : p.category_name_de) || p.category }),
    detail: [statusLabel(legend, p.status, lang), placeName(p), p.created_at ? formatDate(p.created_at) : ""]
      .filter(Boolean)
      .join(" · "),
    href: `#/m/${slug}/reports/${p.id}`,
  }));
  root.append(
    h("h1", {}, t("municipality.title", { name: municipality.name })),
    h("p", { class: "lead" }, t("municipality.welcome")),
    h(
      "div",
      { class: "report-call" },
      h("p", {}, t("home.report_defect_hint")),
      h("p", {}, h("a", { href: `#/m/${slug}/reports/new`, class: "button primary", id: "report-defect" }, t("home.report_defect"))),
    ),
    h(
      "section",
      { class: "running", "aria-labelledby": "running-heading" },
      h("h2", { id: "running-heading" }, t("home.running")),
      running.length
        ? h(
            "ul",
            { class: "running-list" },
            running.map((c) =>
              h(
                "li",
                {},
                h("a", { href: `#/m/${slug}/consultations/${c.id}` }, c.title),
                h(
                  "span",
                  { class: "feature-detail" },
                  [c.current_phase ? ` – ${t("home.phase", { name: c.current_phase })}` : "", c.ends_at ? ` · ${t("home.ends", { date: formatDate(c.ends_at) })}` : ""].join(""),
                ),
              ),
            ),
          )
        : h("p", {}, t("home.running_none")),
      h("p", {}, h("a", { href: `#/m/${slug}/surveys` }, t("survey.list_title"))),
    ),
    h("p", {}, t("municipality.welcome_map", { name: municipality.name })),
    layout,
  );
  const base = createBaseMap(mapBox, { municipality, config: ctx.config });
  const reports = reportsLayer(base, { api: ctx.api, slug, statusName: (s) => statusLabel(legend, s, lang) });
  const proposals = proposalsLayer(pins, slug).addTo(base.map);
  mapBox.before(
    layerSwitch(base.map, [
      { id: "layer-reports", label: t("home.layer_reports"), layer: reports.layer, swatch: "map-swatch-open" },
      { id: "layer-proposals", label: t("home.layer_proposals"), layer: proposals, swatch: "map-swatch-proposal" },
    ]),
  );
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
  const recentList = renderList({
    id: "recent-reports",
    heading: t("home.recent_reports"),
    items: reportItems,
    empty: t("home.recent_reports_none"),
  });
  recentList.append(h("p", {}, h("a", { href: `#/m/${slug}/reports` }, t("home.all_reports"))));
  layout.append(
    recentList,
    renderList({
      id: "proposal-list",
      heading: t("home.proposal_list"),
      intro: t("home.proposal_count", { count: pins.length }),
      empty: t("home.proposals_none"),
      items: pins.map((p) => ({ id: p.id, label: p.title, detail: p.consultation, href: `#/m/${slug}/proposals/${p.id}` })),
    }),
  );
  root.append(
    h(
      "section",
      { class: "answers", "aria-labelledby": "answers-heading" },
      h("h2", { id: "answers-heading" }, t("home.answers")),
      answered.length
        ? h(
            "ul",
            { class: "feature-list" },
            answered.map((p) =>
              h(
                "li",
                {},
                h("a", { href: `#/m/${slug}/proposals/${p.id}` }, p.title),
                h("span", { class: "feature-detail" }, ` – ${t("home.answer_status", { status: t(`status.${p.answer_status}`) })} · ${p.consultation}`),
              ),
            ),
          )
        : h("p", {}, t("home.answers_none")),
    ),
    contactSection(municipality),
  );
  return () => base.destroy();
}
