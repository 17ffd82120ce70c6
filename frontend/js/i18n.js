/**
 * German first, English second: `t(key, vars)` looks a key up in the current language,
 * falls back to German, then to the key itself. Feature modules add their own texts with `register`.
 *
 * Every plural, number and date goes through Intl here and nowhere else:
 * - a text may be an object of plural forms, chosen by `vars.count` through Intl.PluralRules:
 *   `{"=0": "Noch keine Kommentare", one: "{count} Kommentar", other: "{count} Kommentare"}`
 *   ("=N" matches exactly N first, then the language's category: one, other …);
 * - every number in `vars` is written with Intl.NumberFormat (1.234 in German, 1,234 in English), except `id`,
 *   which is a name, not a quantity;
 * - dates with formatDate (Intl.DateTimeFormat), durations and distances with formatUnit (Intl.NumberFormat units).
 *
 * No DOM at import time: the module loads in Node for the unit tests.
 */
const STORAGE_KEY = "stadtstimme.lang";
export const LANGUAGES = ["de", "en"];
const LOCALES = { de: "de-DE", en: "en-GB" };
const catalogue = { de: {}, en: {} };
const listeners = new Set();

function storage() {
  try {
    return globalThis.localStorage || null;
  } catch {
    return null; // access denied (e.g. blocked cookies)
  }
}

function stored() {
  try {
    const value = storage()?.getItem(STORAGE_KEY);
    return LANGUAGES.includes(value) ? value : "de";
  } catch {
    return "de";
  }
}

let lang = stored();

/** Add texts: register({de: {"reports.title": "Mängel"}, en: {"reports.title": "Defects"}}). */
export function register(messages) {
  for (const code of LANGUAGES) Object.assign(catalogue[code], messages[code] || {});
}

export function currentLang() {
  return lang;
}

/** The BCP 47 locale Intl formats with for a UI language. */
export function locale(code = lang) {
  return LOCALES[code] || LOCALES.de;
}

const cache = new Map();
function cached(kind, make, key) {
  const id = `${kind}|${key}`;
  if (!cache.has(id)) cache.set(id, make());
  return cache.get(id);
}

/** The plural form of `forms` ({"=0"?, one?, few?, many?, other}) for `count` in a language (default: current). */
export function pluralForm(forms, count, code = lang) {
  const n = Number(count);
  if (!Number.isFinite(n)) return forms.other ?? "";
  const exact = forms[`=${n}`];
  if (exact !== undefined) return exact;
  const rules = cached("plural", () => new Intl.PluralRules(locale(code)), code);
  return forms[rules.select(n)] ?? forms.other ?? "";
}

/** A number for people: grouping and decimal mark of a language (default: current). */
export function formatNumber(value, options = {}, code = lang) {
  const format = cached("number", () => new Intl.NumberFormat(locale(code), options), `${code}|${JSON.stringify(options)}`);
  return format.format(value);
}

/** A quantity with its unit, spelled out: formatUnit(1, "hour") → "1 Stunde"; formatUnit(120, "meter", "short") → "120 m". */
export function formatUnit(value, unit, unitDisplay = "long") {
  return formatNumber(value, { style: "unit", unit, unitDisplay, maximumFractionDigits: 0 });
}

function fill(text, vars, code) {
  return String(text).replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in vars)) return whole;
    const value = vars[name];
    return typeof value === "number" && name !== "id" ? formatNumber(value, {}, code) : String(value);
  });
}

/** A key without a text: shown as itself, and remembered in `globalThis.missingMessageKeys` for the tests. */
function missing(key) {
  (globalThis.missingMessageKeys ||= new Set()).add(String(key));
  return key;
}

/**
 * Translate a key; `{name}` placeholders are filled from vars; `vars.count` picks the plural form.
 * `code` asks for another language than the current one (e.g. both texts of a client-side error).
 */
export function t(key, vars = {}, code = lang) {
  const text = catalogue[code]?.[key] ?? catalogue.de[key] ?? missing(key);
  return fill(typeof text === "object" ? pluralForm(text, vars.count, code) : text, vars, code);
}

/** Pick the German or English variant of a server text pair, e.g. pick(notice, "detail"). */
export function pick(obj, field = "detail") {
  if (!obj) return "";
  return (lang === "en" ? obj[`${field}_en`] : obj[`${field}_de`]) || obj[field] || "";
}

function markDocument() {
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

/** Switch the language, remember it, update <html lang> and tell listeners (the router re-renders). */
export function setLang(code) {
  if (!LANGUAGES.includes(code) || code === lang) return;
  lang = code;
  try {
    storage()?.setItem(STORAGE_KEY, code);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  markDocument();
  for (const listener of listeners) listener(code);
}

export function onLangChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Format a date/time for the current language (Intl.DateTimeFormat options, default: medium date). */
export function formatDate(value, options = { dateStyle: "medium" }) {
  const date = value instanceof Date ? value : new Date(value);
  const format = cached("date", () => new Intl.DateTimeFormat(locale(), options), `${lang}|${JSON.stringify(options)}`);
  return format.format(date);
}

/** Date and time, e.g. "1. Dez. 2026, 14:05". */
export function formatDateTime(value) {
  return formatDate(value, { dateStyle: "medium", timeStyle: "short" });
}

markDocument();
