/**
 * Drawing and editing district shapes with Leaflet-Geoman (npm @geoman-io/leaflet-geoman-free, served from
 * /vendor/geoman like Leaflet). Geoman is a script-tag plugin for a global `L`; our Leaflet is an ES module whose
 * namespace cannot be extended, so Geoman gets a plain copy of it as `window.L` (the classes are the same
 * objects, so its hooks reach our maps). Load it BEFORE creating the map: it adds `map.pm` in an init hook.
 * Its toolbar is not used (its icons are data: URLs, which our Content-Security-Policy refuses); the page has
 * its own labelled buttons instead.
 */
import { currentLang } from "../i18n.js";
import { L } from "./base.js";

let loading = null;

export function loadDrawing() {
  if (loading) return loading;
  loading = new Promise((resolve, reject) => {
    if (!window.L) window.L = { ...L };
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = "/vendor/geoman/leaflet-geoman.css";
    document.head.append(css);
    const script = document.createElement("script");
    script.src = "/vendor/geoman/leaflet-geoman.min.js";
    script.onload = () => resolve(window.L);
    script.onerror = () => {
      loading = null;
      reject(new Error("Leaflet-Geoman could not be loaded"));
    };
    document.head.append(script);
  });
  return loading;
}

const DRAW_STYLE = { color: "#b5179e", weight: 3, fillColor: "#f7aef8", fillOpacity: 0.35 };

/** Start drawing one polygon on `map`; `onDone(layer)` gets the finished shape (a Leaflet polygon). */
export function drawPolygon(map, onDone) {
  map.pm.setLang(currentLang() === "en" ? "en" : "de"); // its hints ("Klicken Sie auf den ersten Marker …")
  // No snapping: it pulls corners onto neighbouring districts' edges, away from where the person clicked.
  map.pm.setGlobalOptions({ pathOptions: DRAW_STYLE, templineStyle: DRAW_STYLE, hintlineStyle: DRAW_STYLE, snappable: false });
  map.once("pm:create", ({ layer }) => onDone(layer));
  map.pm.enableDraw("Polygon", { finishOn: null, continueDrawing: false });
}

export function stopDrawing(map) {
  if (map.pm) map.pm.disableDraw();
}

/** Make `layer`'s corners draggable; returns a function that stops editing. */
export function editShape(layer) {
  layer.pm.enable({ allowSelfIntersection: false, snappable: false });
  return () => layer.pm.disable();
}

/** A drawn or edited layer's geometry as GeoJSON. */
export function geometryOf(layer) {
  return layer.toGeoJSON().geometry;
}
