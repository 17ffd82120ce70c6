/**
 * The base map of a municipality: its boundary and districts from our own GeoJSON
 * (GET /api/v1/municipalities/{slug}), fitted to its bbox. Background tiles are optional:
 * only when /api/v1/config has a non-empty tile_url (tests and offline installs run without) and the
 * municipality has not switched them off in its profile (`tiles_enabled`); then a note under the map says so.
 *
 * Other modules draw on `base.map` with the exported `L` (see README "Adding a map layer");
 * every layer needs a list alternative (map/list.js).
 */
import * as L from "/vendor/leaflet/leaflet-src.esm.js";
import { h } from "../dom.js";
import { currentLang, t } from "../i18n.js";

export { L };

L.Icon.Default.imagePath = "/vendor/leaflet/images/";

const BOUNDARY_STYLE = { color: "#1d3557", weight: 3, fill: false, interactive: false };
const DISTRICT_STYLE = { color: "#2a6f97", weight: 1.5, dashArray: "4 3", fillColor: "#a8dadc", fillOpacity: 0.25 };
const HIGHLIGHT_STYLE = { weight: 3, dashArray: null, fillOpacity: 0.5 };

/** [west, south, east, north] → Leaflet bounds */
export function boundsOf(bbox) {
  const [west, south, east, north] = bbox;
  return L.latLngBounds([south, west], [north, east]);
}

/**
 * Draw the map into `container` (which must be in the document).
 * @param {HTMLElement} container
 * @param {{municipality: object, config: object, districtLabels?: boolean}} options
 * @returns {{map: L.Map, boundary: L.GeoJSON, districts: L.GeoJSON, districtLayers: Map<number, L.Layer>,
 *            showDistrict: (id: number) => void, destroy: () => void}}
 */
export function createBaseMap(container, { municipality, config, districtLabels = true }) {
  container.classList.add("map");
  container.setAttribute("role", "region");
  container.setAttribute("aria-label", t("map.label", { name: municipality.name }));

  const map = L.map(container, {
    maxZoom: 19,
    minZoom: 8,
    zoomSnap: 0.25,
    attributionControl: false,
    zoomControl: false,
  });
  L.control.zoom({ zoomInTitle: t("map.zoom_in"), zoomOutTitle: t("map.zoom_out") }).addTo(map);
  const credits = L.control
    .attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' })
    .addAttribution(
      `© GeoBasis-DE / BKG (2025), Daten verändert, <a href="${escapeAttr(
        config.boundary_licence_url || "https://www.govdata.de/dl-de/by-2-0",
      )}" rel="license">dl-de/by-2-0</a>`,
    );
  // Where the district shapes come from (the demo's are approximate and say so).
  // "Deutsch · English" (the demo's wording) shows the half of the page's language: a small map keeps its room.
  const districtCredit = String(municipality.districts_attribution || "").split(" · ");
  const credit = (currentLang() === "en" && districtCredit[1]) || districtCredit[0];
  if (credit) credits.addAttribution(escapeText(credit));
  credits.addTo(map);

  const switchedOff = municipality.tiles_enabled === false;
  let note = null;
  if (config.tile_url && !switchedOff) {
    L.tileLayer(config.tile_url, { maxZoom: 19, attribution: escapeText(config.tile_attribution) }).addTo(map);
  } else {
    container.classList.add("map-no-tiles");
  }
  if (switchedOff) {
    note = h("p", { class: "map-note", dataset: { note: "tiles-off" } }, t("map.tiles_off"));
    container.after(note);
  }

  // District names lie below the markers (Leaflet's tooltip pane is above them): a cluster's count stays readable.
  map.createPane(LABEL_PANE).style.zIndex = "450";
  const districtLayers = new Map();
  const districts = L.geoJSON(municipality.districts, {
    filter: (feature) => Boolean(feature.geometry),
    style: () => ({ ...DISTRICT_STYLE }),
    onEachFeature: (feature, layer) => {
      districtLayers.set(feature.id, layer);
      const name = String(feature.properties.name);
      if (districtLabels) {
        layer.bindTooltip(escapeText(name), {
          permanent: true,
          direction: "center",
          className: "district-label",
          pane: LABEL_PANE,
        });
      }
      layer.on("click", () => showDistrict(feature.id));
      // A label thinned out for want of room shows while the pointer is on its district.
      layer.on("mouseover", () => layer.getTooltip()?.getElement()?.classList.remove(THINNED));
      layer.on("mouseout", () => thinLabels());
    },
  }).addTo(map);
  const boundary = L.geoJSON(municipality.boundary, { style: () => ({ ...BOUNDARY_STYLE }) }).addTo(map);

  // Permanent labels that would overlap (ten districts on a phone's 390 px) are thinned out, the largest districts
  // keep theirs; zoomed in, there is room for all. The list alternative under the map names every district.
  const byArea = [...districtLayers.values()].sort((a, b) => area(b) - area(a));
  function thinLabels() {
    if (!districtLabels || !container.isConnected) return;
    const shown = [];
    for (const layer of byArea) {
      const label = layer.getTooltip()?.getElement();
      if (!label) continue;
      label.classList.remove(THINNED);
      const box = label.getBoundingClientRect();
      if (shown.some((other) => overlap(box, other))) label.classList.add(THINNED);
      else shown.push(box);
    }
  }
  map.on("zoomend moveend", thinLabels);

  const full = boundsOf(municipality.bbox);
  map.fitBounds(full, { padding: [8, 8] });
  thinLabels();

  let highlighted = null;
  function showDistrict(id) {
    const layer = districtLayers.get(id);
    if (!layer) return;
    if (highlighted) highlighted.setStyle({ ...DISTRICT_STYLE });
    layer.setStyle({ ...DISTRICT_STYLE, ...HIGHLIGHT_STYLE });
    highlighted = layer;
    map.fitBounds(layer.getBounds(), { padding: [16, 16] });
  }

  // Leaflet measures the container on creation; phones rotate and layouts settle later.
  const observer = new ResizeObserver(() => {
    if (map._loaded && container.isConnected) map.invalidateSize({ pan: false });
    thinLabels();
  });
  observer.observe(container);

  // Leaflet 1.9 ends a zoom animation from a timer that map.remove() does not clear: removed mid-animation, the
  // timer reads the deleted map pane and throws. A view left during the animation removes its map afterwards.
  let zooming = false;
  map.on("zoomanim", () => { zooming = true; });
  map.on("moveend", () => { zooming = false; });

  return {
    map,
    boundary,
    districts,
    districtLayers,
    showDistrict,
    destroy() {
      observer.disconnect();
      if (note) note.remove();
      if (zooming) map.once("moveend", () => setTimeout(() => map.remove()));
      else map.remove();
    },
  };
}

const THINNED = "district-label-thinned";
const LABEL_PANE = "districtLabels";
const LABEL_GAP = 4; // px between two labels

function area(layer) {
  const bounds = layer.getBounds();
  return (bounds.getNorth() - bounds.getSouth()) * (bounds.getEast() - bounds.getWest());
}

function overlap(a, b) {
  return (
    a.left < b.right + LABEL_GAP && b.left < a.right + LABEL_GAP && a.top < b.bottom + LABEL_GAP && b.top < a.bottom + LABEL_GAP
  );
}

/** Text for Leaflet APIs that take HTML (tooltips, attributions): escaped so user text stays text. */
export function escapeText(value) {
  const span = document.createElement("span");
  span.textContent = String(value ?? "");
  return span.innerHTML;
}

function escapeAttr(value) {
  return escapeText(value).replace(/"/g, "&quot;");
}
