// A refused form: which message goes next to which field, and what goes to the summary.
import assert from "node:assert/strict";
import { test } from "node:test";

import { collectErrors } from "../js/form-errors.js";

const refusal = {
  detail_de: "Bitte prüfen Sie Ihre Angaben.",
  errors: [
    { field: "report.lat", detail_de: "Breitengrad fehlt.", detail_en: "Latitude is missing." },
    { field: "email", detail_de: "Keine E-Mail-Adresse.", detail_en: "" },
    { field: null, detail_de: "Zu viele Fotos.", detail_en: "Too many photos." },
    { field: "unknown_field", detail_de: "Unbekannt.", detail_en: "Unknown." },
  ],
  message_for: (lang) => (lang === "en" ? "Please check." : "Bitte prüfen Sie Ihre Angaben."),
};

test("field errors land at the field named by the last dotted part, in the reader's language", () => {
  const { fields, general } = collectErrors(refusal, "en", (name) => ["lat", "email"].includes(name));
  assert.deepEqual(fields, [
    { name: "lat", message: "Latitude is missing." },
    { name: "email", message: "Keine E-Mail-Adresse." }, // no English text: German, not an empty line
  ]);
  assert.deepEqual(general, ["Too many photos.", "Unknown."]);
});

test("an error without items shows its general message", () => {
  const { fields, general } = collectErrors({ message_for: () => "Keine Verbindung." }, "de");
  assert.deepEqual(fields, []);
  assert.deepEqual(general, ["Keine Verbindung."]);
  assert.deepEqual(collectErrors(new Error("kaputt"), "de").general, ["kaputt"]);
});

test("a refused photo file (photos[1]) lands at the photos field", () => {
  const refused = { errors: [{ field: "photos[1]", detail_de: "Kein Foto.", detail_en: "Not a photo." }] };
  assert.deepEqual(collectErrors(refused, "de", (name) => name === "photos").fields, [
    { name: "photos", message: "Kein Foto." },
  ]);
});

import { checkControl, summaryLine, withoutLabel } from "../js/form-errors.js";

test("every control is checked before sending: required, length, e-mail format", () => {
  assert.deepEqual(checkControl({ kind: "text", required: true, value: "  " }), { key: "form.check_required" });
  assert.deepEqual(checkControl({ kind: "text", value: "kurz", minlength: 10 }), { key: "form.check_min", params: { n: 10 } });
  assert.deepEqual(checkControl({ kind: "text", value: "x".repeat(61), maxlength: 60 }), { key: "form.check_max", params: { n: 60 } });
  assert.deepEqual(checkControl({ kind: "text", type: "email", value: "anna@" }), { key: "form.check_email" });
  assert.equal(checkControl({ kind: "text", type: "email", value: "anna@example.org" }), null);
  assert.deepEqual(checkControl({ kind: "checkbox", required: true, checked: false }), { key: "form.check_confirm" });
  assert.deepEqual(checkControl({ kind: "select", required: true, value: "" }), { key: "form.check_choose" });
  assert.equal(checkControl({ kind: "text", value: "", minlength: 10 }), null); // optional and empty: fine
});

test("the summary names the field once, in one sentence", () => {
  assert.equal(summaryLine("Was ist los?", "„Was ist los?“: Pflichtangabe fehlt."), "Was ist los?: Pflichtangabe fehlt.");
  assert.equal(summaryLine("Ort", "Bitte wählen Sie den Ort auf der Karte."), "Ort: Bitte wählen Sie den Ort auf der Karte.");
  assert.equal(withoutLabel("'Depth': at most 200 characters."), "At most 200 characters.");
  assert.equal(summaryLine("", "Zu viele Fotos."), "Zu viele Fotos.");
});
