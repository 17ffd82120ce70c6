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
