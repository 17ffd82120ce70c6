/**
 * German first, English second: `t(key, vars)` looks a key up in the current language,
 * falls back to German, then to the key itself. Feature modules add their own texts with `register`.
 */
const STORAGE_KEY = "stadtstimme.lang";
export const LANGUAGES = ["de", "en"];
const catalogue = { de: {}, en: {} };
const listeners = new Set();

function stored() {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
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

/** Translate a key; `{name}` placeholders are filled from vars. */
export function t(key, vars = {}) {
  const text = catalogue[lang][key] ?? catalogue.de[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** Pick the German or English variant of a server text pair, e.g. pick(notice, "detail"). */
export function pick(obj, field = "detail") {
  if (!obj) return "";
  return (lang === "en" ? obj[`${field}_en`] : obj[`${field}_de`]) || obj[field] || "";
}

/** Switch the language, remember it, update <html lang> and tell listeners (the router re-renders). */
export function setLang(code) {
  if (!LANGUAGES.includes(code) || code === lang) return;
  lang = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = code;
  for (const listener of listeners) listener(code);
}

export function onLangChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Format a date/time for the current language. */
export function formatDate(value, options = { dateStyle: "medium" }) {
  const date = value instanceof Date ? value : new Date(value);
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "de-DE", options).format(date);
}

document.documentElement.lang = lang;
