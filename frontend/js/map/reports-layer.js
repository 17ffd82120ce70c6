/**
 * Reports on a map: fetched for the visible bounding box and zoom, as points (zoomed in) or
 * server-side grid clusters (zoomed out, each showing its count). Only ids, categories, statuses and points
 * travel; a click on a point opens a popup (title, status, date, "Zur Meldung") whose details load then.
 */
import { municipalityUrl } from "../api.js";
import { h } from "../dom.js";
import { L } from "./base.js";
import "../messages-home.js";
import { currentLang, formatDate, t } from "../i18n.js";

/** Marker colours by status group; the legend (reportsLegend) and app.css's .map-swatch-* use the same. */
export const COLOURS = { open: "#b35c00", closed: "#2b7a3d" };

/** The legend under a reports map: a swatch in the marker's colour for each status group, and the cluster. */
export function reportsLegend({ proposals = false } = {}) {
  return h(
    "ul",
    { class: "map-legend", "aria-label": t("legend.label") },
    h("li", {}, h("span", { class: "map-swatch map-swatch-open", "aria-hidden": "true" }), t("reports.open")),
    h("li", {}, h("span", { class: "map-swatch map-swatch-closed", "aria-hidden": "true" }), t("reports.closed")),
    h("li", {}, h("span", { class: "map-swatch map-swatch-cluster", "aria-hidden": "true" }, "3"), t("legend.cluster")),
    proposals ? h("li", {}, h("span", { class: "map-swatch map-swatch-proposal", "aria-hidden": "true" }), t("legend.proposal")) : null,
  );
}

/**
 * @param base the base map (map/base.js)
 * @param {{api, slug: string, filters?: () => object, statusName?: (status: string) => string,
 *          addTo?: boolean}} options
 */
export function reportsLayer(base, { api, slug, filters = () => ({}), statusName = (s) => s, addTo = true }) {
  const layer = L.layerGroup();
  if (addTo) layer.addTo(base.map);
  let controller = null;

  async function popupFor(id) {
    const report = await api.get(municipalityUrl(slug, "reports", id));
    const lang = currentLang();
    const category = lang === "en" ? report.category_name_en : report.category_name_de;
    const place = [report.address, report.district].filter(Boolean).join(", ");
    return h(
      "div",
      { class: "map-popup" },
      h("p", { class: "popup-title" }, t("reports.item", { id: report.id, category })),
      h("p", {}, statusName(report.status), " · ", formatDate(report.created_at)),
      place ? h("p", {}, place) : null,
      h("p", {}, h("a", { href: `#/m/${slug}/reports/${report.id}` }, t("reports.to_report"))),
    );
  }

  function openPopup(marker, id) {
    const popup = L.popup({ maxWidth: 260 }).setLatLng(marker.getLatLng()).setContent(t("reports.loading"));
    popup.openOn(base.map);
    popupFor(id)
      .then((content) => popup.setContent(content))
      .catch(() => popup.setContent(t("reports.popup_failed")));
  }

  // A map whose view was left (removed while its answer was on the way) takes no more markers: Leaflet would
  // ask the removed panes for their position (`_leaflet_pos` of undefined).
  const gone = () => !base.map._loaded || !base.map.getContainer().isConnected;
  async function refresh() {
    if (gone() || !base.map.hasLayer(layer)) return;
    if (controller) controller.abort();
    controller = new AbortController();
    const map = base.map;
    const bounds = map.getBounds();
    const zoom = Math.round(map.getZoom());
    const query = { ...filters(), bbox: bounds.toBBoxString(), zoom, limit: 1000 };
    let collection;
    try {
      collection = await api.get(municipalityUrl(slug, "reports"), {
        query,
        signal: controller.signal,
      });
    } catch (error) {
      if (error.name === "AbortError" || gone()) return;
      throw error;
    }
    if (gone()) return;
    layer.clearLayers();
    for (const feature of collection.features) {
      const [lon, lat] = feature.geometry.coordinates;
      const p = feature.properties;
      if (p.cluster && p.count > 1) {
        const size = Math.round(Math.min(48, 26 + Math.log2(p.count) * 4));
        const label = t("reports.cluster", { count: p.count });
        const marker = L.marker([lat, lon], {
          icon: L.divIcon({ className: "report-cluster", html: String(Number(p.count)), iconSize: [size, size] }),
          title: label,
          alt: label,
          keyboard: true,
        });
        marker.on("click", () => map.setView([lat, lon], Math.min(19, zoom + 2)));
        marker.on("add", () => marker.getElement()?.setAttribute("aria-label", label));
        marker.addTo(layer);
        continue;
      }
      const group = p.status_group || "open";
      const marker = L.circleMarker([lat, lon], {
        radius: 8,
        color: "#222",
        weight: 1,
        fillColor: COLOURS[group] || COLOURS.open,
        fillOpacity: 0.9,
        className: `report-marker report-${group}`,
      });
      marker.bindTooltip(`#${p.id}`);
      marker.on("click", () => openPopup(marker, p.id));
      marker.addTo(layer);
    }
  }

  base.map.on("moveend", refresh);
  layer.on("add", refresh);
  refresh();
  return { layer, refresh };
}
