// The hash router's parsing: path, query and path parameters.
import assert from "node:assert/strict";
import { test } from "node:test";

import { parseHash, Router } from "../js/router.js";

const load = async () => ({});
const router = new Router({
  routes: [
    { path: "/", load },
    { path: "/m/:slug/reports/new", load },
    { path: "/m/:slug/reports/:id", load },
    { path: "/m/:slug/proposals/:id/edit", load },
  ],
  notFound: load,
  outlet: null,
  makeContext: () => ({}),
});

test("a hash splits into path and query", () => {
  const { path, query } = parseHash("#/m/taunusstein/reports?status=open&sort=newest");
  assert.equal(path, "/m/taunusstein/reports");
  assert.equal(query.get("status"), "open");
  assert.equal(query.get("sort"), "newest");
  assert.equal(parseHash("").path, "/");
  assert.equal(parseHash("#").path, "/");
  assert.equal(parseHash("#account").path, "/account");
});

test("routes match in order and decode their parameters", () => {
  assert.equal(router.match("/m/taunusstein/reports/new").route.path, "/m/:slug/reports/new");
  const found = router.match("/m/bad%20stadt/reports/12");
  assert.equal(found.route.path, "/m/:slug/reports/:id");
  assert.deepEqual(found.params, { slug: "bad stadt", id: "12" });
  assert.equal(router.match("/m/taunusstein/proposals/3/edit/").params.id, "3");
});

test("a parameter is one segment; unknown paths match nothing", () => {
  assert.equal(router.match("/m/taunusstein/reports/12/extra"), null);
  assert.equal(router.match("/nowhere"), null);
});
