// The browser's quick check of a district file names the feature and the problem, like the server does.
import assert from "node:assert/strict";
import { test } from "node:test";

import "../js/messages-territory.js";
import { checkDistrictFile, uploadOf } from "../js/map/district-file.js";

const square = [[[8.15, 50.15], [8.16, 50.15], [8.16, 50.16], [8.15, 50.16], [8.15, 50.15]]];
const feature = (name, geometry = { type: "Polygon", coordinates: square }) => ({
  type: "Feature",
  properties: name === undefined ? {} : { name },
  geometry,
});
const file = (...features) => JSON.stringify({ type: "FeatureCollection", features });

test("a good file gives its districts by name, in file order, ready for the upload", () => {
  const { features, errors } = checkDistrictFile(file(feature(" Wehen "), feature("Hahn", { type: "MultiPolygon", coordinates: [square] })));
  assert.deepEqual(errors, []);
  assert.deepEqual(features.map((f) => f.name), ["Wehen", "Hahn"]);
  assert.equal(uploadOf(features).features[0].properties.name, "Wehen");
});

test("every broken feature is named with its problem", () => {
  const { errors } = checkDistrictFile(
    file(
      feature(undefined),
      feature("Linie", { type: "LineString", coordinates: [[8, 50], [8.1, 50.1]] }),
      feature("Offen", { type: "Polygon", coordinates: [[[8, 50], [8.1, 50], [8.1, 50.1], [8, 50.2]]] }),
      feature("Weit", { type: "Polygon", coordinates: [[[800, 50], [8.1, 50], [8.1, 50.1], [800, 50]]] }),
      feature("Hahn"),
      feature("Hahn"),
      feature("Leer", null),
    ),
  );
  assert.deepEqual(errors, [
    "Fläche Nr. 1 hat keinen Namen (properties.name).",
    "Die Fläche von „Linie“ ist kein Polygon (sondern LineString).",
    "Die Fläche von „Offen“ hat ungültige Koordinaten (Längen- und Breitengrade in Grad, geschlossene Ringe).",
    "Die Fläche von „Weit“ hat ungültige Koordinaten (Längen- und Breitengrade in Grad, geschlossene Ringe).",
    "„Hahn“ kommt mehrfach vor; jeder Name darf nur einmal vorkommen.",
    "Die Fläche von „Leer“ ist kein Polygon (sondern keine Fläche).",
  ]);
});

test("a file that is not a FeatureCollection is refused as a whole", () => {
  assert.match(checkDistrictFile("{nope").errors[0], /^Die Datei ist kein gültiges JSON/);
  assert.match(checkDistrictFile('{"type": "Feature"}').errors[0], /keine GeoJSON-FeatureCollection/);
  assert.deepEqual(checkDistrictFile(file()).errors, ["Die Datei enthält keinen Stadtteil."]);
});
