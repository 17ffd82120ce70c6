// The location picker's keyboard and coordinate logic.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { setLang } from "../js/i18n.js";
import "../js/messages.js";
import {
  BIG_STEP_PX,
  STEP_PX,
  clampToBbox,
  contains,
  describePlace,
  placeName,
  districtAt,
  keyAction,
  parseCoordinate,
} from "../js/map/picker-logic.js";

afterEach(() => setLang("de"));

const square = (w, s, e, n) => [[[w, s], [e, s], [e, n], [w, n], [w, s]]];
const town = {
  name: "Taunusstein",
  bbox: [8.0, 50.0, 8.4, 50.3],
  boundary: { type: "MultiPolygon", coordinates: [square(8.0, 50.0, 8.4, 50.3)] },
  districts: {
    type: "FeatureCollection",
    features: [
      { type: "Feature", id: 1, properties: { name: "Hahn" }, geometry: { type: "Polygon", coordinates: square(8.0, 50.0, 8.2, 50.3) } },
      { type: "Feature", id: 2, properties: { name: "Wehen" }, geometry: null },
      {
        type: "Feature",
        id: 3,
        properties: { name: "Bleidenstadt" },
        // a ring with a hole in the middle
        geometry: { type: "Polygon", coordinates: [...square(8.2, 50.0, 8.4, 50.3), square(8.28, 50.1, 8.32, 50.2)[0]] },
      },
    ],
  },
};

test("arrow keys move the pin by a step, Shift by a big step", () => {
  assert.deepEqual(keyAction({ key: "ArrowUp" }), { type: "move", dx: 0, dy: -STEP_PX });
  assert.deepEqual(keyAction({ key: "ArrowRight", shiftKey: true }), { type: "move", dx: BIG_STEP_PX, dy: 0 });
  assert.deepEqual(keyAction({ key: "ArrowLeft" }), { type: "move", dx: -STEP_PX, dy: 0 });
  assert.deepEqual(keyAction({ key: "ArrowDown" }), { type: "move", dx: 0, dy: STEP_PX });
});

test("Enter sets, Escape goes back, plus and minus zoom, other keys stay the browser's", () => {
  assert.deepEqual(keyAction({ key: "Enter" }), { type: "set" });
  assert.deepEqual(keyAction({ key: "Escape" }), { type: "cancel" });
  assert.deepEqual(keyAction({ key: "+" }), { type: "zoom", delta: 1 });
  assert.deepEqual(keyAction({ key: "-" }), { type: "zoom", delta: -1 });
  assert.equal(keyAction({ key: "Tab" }), null);
  assert.equal(keyAction({ key: "a" }), null);
  assert.equal(keyAction({ key: "ArrowUp", ctrlKey: true }), null); // browser and screen-reader shortcuts
});

test("the pin stays inside the municipality's box", () => {
  assert.deepEqual(clampToBbox({ lat: 51, lon: 7 }, town.bbox), { lat: 50.3, lon: 8.0 });
  assert.deepEqual(clampToBbox({ lat: 50.1, lon: 8.1 }, town.bbox), { lat: 50.1, lon: 8.1 });
});

test("the district under the pin, holes excluded", () => {
  assert.equal(districtAt(town.districts, { lat: 50.1, lon: 8.1 }).properties.name, "Hahn");
  assert.equal(districtAt(town.districts, { lat: 50.25, lon: 8.3 }).properties.name, "Bleidenstadt");
  assert.equal(districtAt(town.districts, { lat: 50.15, lon: 8.3 }), null); // in the hole
  assert.equal(contains(town.boundary, { lat: 50.5, lon: 8.1 }), false);
  assert.equal(contains({ type: "Feature", geometry: town.boundary }, { lat: 50.1, lon: 8.1 }), true);
});

test("the live text says where the pin is, in the reader's language", () => {
  assert.equal(describePlace({ lat: 50.1, lon: 8.1 }, town), "50,10000° N, 8,10000° O, Stadtteil Hahn");
  assert.equal(describePlace({ lat: 50.5, lon: 8.1 }, town), "50,50000° N, 8,10000° O, außerhalb von Taunusstein");
  setLang("en");
  assert.equal(describePlace({ lat: 50.1, lon: 8.1 }, town), "50.10000° N, 8.10000° E, district Hahn");
});

test("typed coordinates take a comma or a dot", () => {
  assert.equal(parseCoordinate("50,1586"), 50.1586);
  assert.equal(parseCoordinate(" 8.1781 "), 8.1781);
  assert.equal(parseCoordinate("-3"), -3);
  assert.equal(parseCoordinate(""), null);
  assert.equal(parseCoordinate("50,1,2"), null);
  assert.equal(parseCoordinate("abc"), null);
});

test("a place names its district once, even when the address already ends with it", () => {
  assert.equal(placeName({ address: "Aarstraße, Bleidenstadt", district: "Bleidenstadt" }), "Aarstraße, Bleidenstadt");
  assert.equal(placeName({ address: "Aarstraße 5", district: "Bleidenstadt" }), "Aarstraße 5, Bleidenstadt");
  assert.equal(placeName({ address: "", district: "Wehen" }), "Wehen");
  assert.equal(placeName({ address: "Platter Straße", district: null }), "Platter Straße");
});
