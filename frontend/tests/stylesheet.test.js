// The stylesheet has no build step and no CSS linter: an unclosed block silently swallows every rule after it
// (a merge once left a media query open and the statistics charts lost their styles).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

test("every block of app.css is closed, in order", () => {
  const css = readFileSync(new URL("../css/app.css", import.meta.url), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  let depth = 0;
  css.split("\n").forEach((line, index) => {
    for (const char of line) {
      if (char === "{") depth += 1;
      if (char === "}") depth -= 1;
      assert.ok(depth >= 0, `a "}" without its "{" on line ${index + 1}`);
      assert.ok(depth <= 2, `blocks nested three deep on line ${index + 1}: an earlier block is not closed`);
    }
  });
  assert.equal(depth, 0, "a block is still open at the end of app.css");
});
