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

/**
 * What is wrong with one control before anything is sent, as a message key and its parameters (or null).
 * `control`: {kind: "text"|"select"|"checkbox"|"radio"|"file", type, value, checked, required, minlength, maxlength}.
 * Checks what the form itself says (required, minlength, maxlength, type=email), so every field is checked at
 * once and the person sees every problem in one go, not one per attempt.
 */
export function checkControl(control) {
  const value = control.kind === "checkbox" || control.kind === "radio" ? "" : String(control.value ?? "").trim();
  if (control.required) {
    if (control.kind === "checkbox" && !control.checked) return { key: "form.check_confirm" };
    if (control.kind === "radio" && !control.checked) return { key: "form.check_choose" };
    if (control.kind === "select" && value === "") return { key: "form.check_choose" };
    if (control.kind === "file" && !control.value) return { key: "form.check_file" };
    if ((control.kind === "text" || !control.kind) && value === "") return { key: "form.check_required" };
  }
  if (value === "" || control.kind === "select" || control.kind === "file") return null;
  const min = Number(control.minlength || 0);
  const max = Number(control.maxlength || 0);
  if (min && [...value].length < min) return { key: "form.check_min", params: { n: min } };
  if (max && [...value].length > max) return { key: "form.check_max", params: { n: max } };
  if (control.type === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { key: "form.check_email" };
  return null;
}

/**
 * One clear sentence per error in the summary: "Ort: Bitte wählen Sie …". A server message that already starts
 * with the field's quoted label („Was ist los?“: Pflichtangabe fehlt.) loses that prefix, so the label is
 * not said twice.
 */
export function withoutLabel(message) {
  const stripped = String(message).replace(/^\s*[„“"'‘‚][^„“”"'’]{1,120}[“”"'’]\s*:\s*/u, "");
  return stripped ? stripped.charAt(0).toUpperCase() + stripped.slice(1) : String(message);
}

export function summaryLine(label, message) {
  const text = withoutLabel(message);
  if (!label) return text;
  return text.toLowerCase().startsWith(`${label.toLowerCase()}:`) ? text : `${label}: ${text}`;
}
