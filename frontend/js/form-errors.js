/**
 * Which messages a refused form shows, and where (pure: unit-tested in Node; forms.js draws them).
 * An ApiError's errors[{field, detail_de, detail_en}] go to the field whose name is the last dotted part of
 * `field` ("report.lat" → "lat"); errors without a field, and the general detail when no item says it,
 * go to the summary only.
 */

/** The message of one error item (or of the error itself) in a language, German as the fallback. */
export function messageOf(error, item, lang) {
  if (item) return (lang === "en" ? item.detail_en : item.detail_de) || item.detail_de || item.detail_en || "";
  if (error && typeof error.message_for === "function") return error.message_for(lang);
  return String((error && error.message) || error);
}

/**
 * Sort an error into {fields: [{name, message}], general: [message]}; `hasField(name)` says whether the form
 * has a field of that name (the others' messages move to `general`).
 */
export function collectErrors(error, lang, hasField = () => true) {
  const fields = [];
  const general = [];
  const items = (error && Array.isArray(error.errors) && error.errors) || [];
  for (const item of items) {
    // "proposal.title" -> "title"; "photos[1]" (the second file) -> the "photos" field
    const name = item.field ? String(item.field).split(".").pop().replace(/\[\d+\]$/, "") : null;
    const message = messageOf(error, item, lang);
    if (name && hasField(name)) fields.push({ name, message });
    else general.push(message);
  }
  if (!items.length) general.unshift(messageOf(error, null, lang));
  return { fields, general };
}
