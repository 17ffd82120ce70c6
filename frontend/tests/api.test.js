// Every API address is built by apiUrl: each segment encoded, the query written by URLSearchParams.
import assert from "node:assert/strict";
import { test } from "node:test";

import { apiUrl, municipalityUrl, withQuery } from "../js/api.js";

test("segments are joined below /api/v1", () => {
  assert.equal(apiUrl("auth", "login"), "/api/v1/auth/login");
  assert.equal(municipalityUrl("taunusstein", "reports", 12), "/api/v1/municipalities/taunusstein/reports/12");
  assert.equal(municipalityUrl("taunusstein"), "/api/v1/municipalities/taunusstein");
});

test("a value cannot leave its segment", () => {
  assert.equal(municipalityUrl("a/b", "reports", "../admin"), "/api/v1/municipalities/a%2Fb/reports/..%2Fadmin");
  assert.equal(municipalityUrl("bad stadt", "reports", "1?x=2#y"), "/api/v1/municipalities/bad%20stadt/reports/1%3Fx%3D2%23y");
  assert.equal(municipalityUrl("kronberg-im-taunus", "reports", "ä"), "/api/v1/municipalities/kronberg-im-taunus/reports/%C3%A4");
});

test("a missing segment throws instead of asking for .../undefined", () => {
  assert.throws(() => municipalityUrl("taunusstein", "proposals", undefined), TypeError);
  assert.throws(() => municipalityUrl(null), TypeError);
  assert.throws(() => apiUrl("reports", ""), TypeError);
});

test("a last plain object becomes the query string; empty values are left out", () => {
  assert.equal(
    municipalityUrl("t", "reports", "nearby", { category: "pothole & more", lat: 50.1, lon: 8.2, empty: "", none: null }),
    "/api/v1/municipalities/t/reports/nearby?category=pothole+%26+more&lat=50.1&lon=8.2",
  );
  assert.equal(apiUrl("x", { tag: ["a", "b"] }), "/api/v1/x?tag=a&tag=b");
  assert.equal(apiUrl("x", {}), "/api/v1/x");
});

test("withQuery appends to a path that already has a query", () => {
  assert.equal(withQuery("/api/v1/x?a=1", { b: 2 }), "/api/v1/x?a=1&b=2");
  assert.equal(withQuery("/api/v1/x", undefined), "/api/v1/x");
});
