// Plurals, numbers and dates come from Intl, in the reader's language.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { formatDate, formatNumber, formatUnit, pluralForm, register, setLang, t } from "../js/i18n.js";
import "../js/messages-proposals.js";
import "../js/messages-reports.js";

afterEach(() => setLang("de"));

test("German counts pick singular and plural through Intl.PluralRules", () => {
  assert.equal(t("prop.support", { count: 1 }), "1 Unterstützung");
  assert.equal(t("prop.support", { count: 2 }), "2 Unterstützungen");
  assert.equal(t("prop.comments", { count: 1 }), "1 Kommentar");
  assert.equal(t("prop.comments", { count: 0 }), "0 Kommentare");
  assert.equal(t("report.affected_count", { count: 1 }), "Das betrifft auch 1 weitere Person.");
  assert.equal(t("report.affected_count", { count: 0 }), "Noch hat sich niemand dieser Meldung angeschlossen.");
});

test("English counts follow English rules", () => {
  setLang("en");
  assert.equal(t("prop.comments", { count: 1 }), "1 comment");
  assert.equal(t("prop.comments", { count: 3 }), "3 comments");
  assert.equal(t("report.affected_count", { count: 1 }), "1 more person is affected too.");
});

test("an exact =N form wins over the language's category", () => {
  const forms = { "=0": "keine", one: "eine", other: "viele" };
  assert.equal(pluralForm(forms, 0), "keine");
  assert.equal(pluralForm(forms, 1), "eine");
  assert.equal(pluralForm(forms, 7), "viele");
  assert.equal(pluralForm(forms, undefined), "viele");
});

test("numbers in texts are grouped per language, ids are not", () => {
  register({ de: { "test.n": "#{id}: {count} Stimmen" }, en: { "test.n": "#{id}: {count} votes" } });
  assert.equal(t("test.n", { id: 12345, count: 12345 }), "#12345: 12.345 Stimmen");
  setLang("en");
  assert.equal(t("test.n", { id: 12345, count: 12345 }), "#12345: 12,345 votes");
});

test("a text can be asked for in another language than the current one", () => {
  assert.equal(t("prop.comments", { count: 2 }, "en"), "2 comments");
  assert.equal(t("prop.comments", { count: 2 }), "2 Kommentare");
});

test("English falls back to German, and an unknown key to itself", () => {
  register({ de: { "test.only_de": "nur deutsch" } });
  setLang("en");
  assert.equal(t("test.only_de"), "nur deutsch");
  assert.equal(t("test.unknown"), "test.unknown");
});

test("units and decimals are written the reader's way", () => {
  assert.equal(formatUnit(1, "hour"), "1 Stunde");
  assert.equal(formatUnit(24, "hour"), "24 Stunden");
  assert.equal(formatUnit(120, "meter", "short"), "120 m");
  assert.equal(formatNumber(50.5, { minimumFractionDigits: 2 }), "50,50");
  setLang("en");
  assert.equal(formatUnit(1, "hour"), "1 hour");
  assert.equal(formatNumber(50.5, { minimumFractionDigits: 2 }), "50.50");
});

test("dates through Intl.DateTimeFormat", () => {
  const when = "2026-12-01T14:05:00Z";
  assert.equal(formatDate(when, { dateStyle: "long", timeZone: "UTC" }), "1. Dezember 2026");
  setLang("en");
  assert.equal(formatDate(when, { dateStyle: "long", timeZone: "UTC" }), "1 December 2026");
});
