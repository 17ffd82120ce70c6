/**
 * The browser's quick check of a district file before its preview: the same rules the server applies
 * (geo/services.py::upload_districts), minus the boundary (the server clips or refuses; the preview shows it).
 * Returns {features, errors}: features as [{name, geometry}] in file order, errors as localised sentences.
 */
import { t } from "../i18n.js";

export const MAX_DISTRICTS = 500;

export function checkDistrictFile(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { features: [], errors: [t("districts.file.not_json", { reason: error.message })] };
  }
  if (!data || data.type !== "FeatureCollection" || !Array.isArray(data.features)) {
    return { features: [], errors: [t("districts.file.not_collection")] };
  }
  if (data.features.length === 0) return { features: [], errors: [t("districts.file.empty")] };
  if (data.features.length > MAX_DISTRICTS) {
    return { features: [], errors: [t("districts.file.too_many", { max: MAX_DISTRICTS })] };
  }
  const errors = [];
  const features = [];
  const seen = new Set();
  data.features.forEach((feature, index) => {
    const properties = feature && typeof feature.properties === "object" && !Array.isArray(feature.properties) ? feature.properties : null;
    const name = properties && properties.name !== null && properties.name !== undefined ? String(properties.name).trim() : "";
    if (!name) {
      errors.push(t("districts.file.no_name", { number: index + 1 }));
      return;
    }
    const geometry = feature.geometry;
    const kind = geometry && typeof geometry.type === "string" ? geometry.type : t("districts.file.none");
    if (kind !== "Polygon" && kind !== "MultiPolygon") {
      errors.push(t("districts.file.not_polygon", { name, kind }));
      return;
    }
    const polygons = kind === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    if (!Array.isArray(polygons) || polygons.length === 0 || !polygons.every(validPolygon)) {
      errors.push(t("districts.file.bad_coordinates", { name }));
      return;
    }
    if (seen.has(name)) {
      errors.push(t("districts.file.duplicate", { name }));
      return;
    }
    seen.add(name);
    features.push({ name, geometry });
  });
  return { features, errors };
}

function validPolygon(rings) {
  return Array.isArray(rings) && rings.length > 0 && rings.every(validRing);
}

function validRing(ring) {
  if (!Array.isArray(ring) || ring.length < 4 || !ring.every(validPosition)) return false;
  const [first, last] = [ring[0], ring[ring.length - 1]];
  return first[0] === last[0] && first[1] === last[1];
}

function validPosition(position) {
  if (!Array.isArray(position) || position.length < 2) return false;
  const [lon, lat] = position;
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
}

/** The features as the FeatureCollection the upload endpoint takes. */
export function uploadOf(features) {
  return {
    type: "FeatureCollection",
    features: features.map((f) => ({ type: "Feature", properties: { name: f.name }, geometry: f.geometry })),
  };
}
