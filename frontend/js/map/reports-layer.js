/**
 * Reports on a map: fetched for the visible bounding box and zoom, as points (zoomed in) or
 * server-side grid clusters (zoomed out). Only ids, categories, statuses and points travel;
 * details load on click.
 */
import { municipalityUrl } from "../api.js";
import { L } from "./base.js";
import { t } from "../i18n.js";

const COLOURS = { open: "#b35c00", closed: "#2b7a3d" };

export function reportsLayer(base, { api, slug, filters = () => ({}), onOpen }) {
  const layer = L.layerGroup().addTo(base.map);
  let controller = null;

  async function refresh() {
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
      if (error.name === "AbortError") return;
      throw error;
    }
    layer.clearLayers();
    for (const feature of collection.features) {
      const [lon, lat] = feature.geometry.coordinates;
      const p = feature.properties;
      if (p.cluster && p.count > 1) {
        const marker = L.circleMarker([lat, lon], {
          radius: Math.min(28, 10 + Math.log2(p.count) * 3),
          color: "#1d3557",
          fillColor: "#457b9d",
          fillOpacity: 0.8,
        });
        marker.bindTooltip(t("reports.cluster", { count: p.count }));
        marker.on("click", () => map.setView([lat, lon], Math.min(19, zoom + 2)));
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
      });
      marker.bindTooltip(`#${p.id}`);
      marker.on("click", () => onOpen(p.id));
      marker.addTo(layer);
    }
  }

  base.map.on("moveend", refresh);
  refresh();
  return { layer, refresh };
}
