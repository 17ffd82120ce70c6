// Rules over the source files: API addresses only through apiUrl, and every module loads without a DOM.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const JS = fileURLToPath(new URL("../js/", import.meta.url));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".js") ? [path] : [];
  });
}

test("no module but api.js writes an API path by hand", () => {
  const offenders = [];
  for (const path of files(JS)) {
    if (relative(JS, path) === "api.js") continue;
    readFileSync(path, "utf8")
      .split("\n")
      .forEach((line, index) => {
        const code = line.replace(/\/\*.*?\*\/|\/\/.*$|^\s*\*.*$/g, ""); // comments may mention paths
        if (code.includes("/api/v1")) offenders.push(`${relative(JS, path)}:${index + 1}`);
      });
  }
  assert.deepEqual(offenders, []);
});

test("the pure modules import in Node without a DOM", async () => {
  for (const name of ["i18n.js", "api.js", "router.js", "form-errors.js", "map/picker-logic.js", "messages.js"]) {
    await import(new URL(`../js/${name}`, import.meta.url));
  }
});
