// The live contrast preview computes WCAG's ratio as the server does, and tel: links dial only digits.
import assert from "node:assert/strict";
import { test } from "node:test";

import { contrastRatio, contrastWithWhite, telHref } from "../js/profile-rules.js";

test("black on white is 21:1 and the formula is symmetric", () => {
  assert.equal(contrastRatio("#000000", "#ffffff"), 21);
  assert.equal(contrastRatio("#005a8c", "#ffffff"), contrastRatio("#ffffff", "#005a8c"));
});

test("#767676 is the lightest grey that passes; #777777 fails and reads 4.4, not 4.5", () => {
  assert.deepEqual(contrastWithWhite("#767676"), { ratio: 4.5, passes: true });
  assert.deepEqual(contrastWithWhite("#777777"), { ratio: 4.4, passes: false });
});

test("a malformed colour has no ratio", () => {
  assert.equal(contrastWithWhite("blue"), null);
  assert.equal(contrastWithWhite("#12345"), null);
});

test("tel: links keep the leading plus and the digits only", () => {
  assert.equal(telHref("06128 241-0"), "tel:061282410");
  assert.equal(telHref("+49 (6128) 241/0"), "tel:+4961282410");
});
