/**
 * The location picker's pure parts (no Leaflet, no DOM; unit-tested in Node): which key does what,
 * which district holds a point, how a point is said out loud, and coordinates typed by people.
 */
import { formatNumber, t } from "../i18n.js";

/** Pixels the pin moves per arrow key; Shift moves it five times as far. */
export const STEP_PX = 10;
export const BIG_STEP_PX = 50;

const ARROWS = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

/**
 * What a key press on the focused map means: {type: "move", dx, dy} (screen pixels), {type: "set"},
 * {type: "zoom", delta}, {type: "cancel"}, or null (not ours: let the browser have it, e.g. Tab).
 */
export function keyAction({ key, shiftKey = false, altKey = false, ctrlKey = false, metaKey = false }) {
  if (altKey || ctrlKey || metaKey) return null;
  if (key in ARROWS) {
    const step = shiftKey ? BIG_STEP_PX : STEP_PX;
    const [x, y] = ARROWS[key];
    return { type: "move", dx: x * step, dy: y * step };
  }
  if (key === "Enter" || key === " ") return { type: "set" };
  if (key === "+" || key === "=") return { type: "zoom", delta: 1 };
  if (key === "-" || key === "_") return { type: "zoom", delta: -1 };
  if (key === "Escape") return { type: "cancel" };
  return null;
}

/** Keep a point inside [west, south, east, north]. */
export function clampToBbox({ lat, lon }, [west, south, east, north]) {
  return { lat: Math.min(north, Math.max(south, lat)), lon: Math.min(east, Math.max(west, lon)) };
}

/** Ray casting on one GeoJSON ring ([[lon, lat], …]). */
function inRing(lon, lat, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(lon, lat, rings) {
  return rings.length > 0 && inRing(lon, lat, rings[0]) && !rings.slice(1).some((hole) => inRing(lon, lat, hole));
}

/** Whether a GeoJSON geometry (Polygon, MultiPolygon, or a Feature of one) contains the point. */
export function contains(geometry, { lat, lon }) {
  const g = geometry && geometry.type === "Feature" ? geometry.geometry : geometry;
  if (!g) return false;
  if (g.type === "Polygon") return inPolygon(lon, lat, g.coordinates);
  if (g.type === "MultiPolygon") return g.coordinates.some((rings) => inPolygon(lon, lat, rings));
  return false;
}

/** The district feature (of a FeatureCollection) that holds the point, or null. */
export function districtAt(districts, point) {
  return ((districts && districts.features) || []).find((f) => f.geometry && contains(f.geometry, point)) || null;
}

/** Coordinates typed by a person: "50,1586" or "50.1586" → 50.1586; anything else → null. */
export function parseCoordinate(text) {
  const cleaned = String(text ?? "").trim().replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** A coordinate for a form field: six decimals, always with a dot (what the fields and the API read). */
export function coordinateValue(value) {
  return value.toFixed(6);
}

/** "50,15860° N, 8,17810° O" in the reader's language. */
export function formatCoordinates({ lat, lon }) {
  const digits = { minimumFractionDigits: 5, maximumFractionDigits: 5 };
  return t("picker.coords", { lat: formatNumber(lat, digits), lon: formatNumber(lon, digits) });
}

/** "Aarstraße, Bleidenstadt": the address, then its district unless the address already ends with it. */
export function placeName({ address, district }) {
  const named = (address || "").trim();
  if (!district || named.toLowerCase().endsWith(district.toLowerCase())) return named;
  return named ? `${named}, ${district}` : district;
}

/** Where a point is, said in words: coordinates, and the district or "outside <town>". */
export function describePlace(point, municipality) {
  const where = formatCoordinates(point);
  if (municipality.boundary && !contains(municipality.boundary, point)) {
    return t("picker.outside", { where, name: municipality.name });
  }
  const district = districtAt(municipality.districts, point);
  return district ? t("picker.in_district", { where, district: district.properties.name }) : where;
}
