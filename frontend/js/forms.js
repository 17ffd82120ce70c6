/**
 * Accessible forms: a label per field, hints and errors tied to the input with aria-describedby,
 * aria-invalid on refused fields, and an error summary with role="alert" at the top of the form.
 * Server errors (ApiError.errors[{field, detail_de, detail_en}]) land next to the field they name.
 */
import { privacyNotice } from "./components/privacy-notice.js";
import { h, uid } from "./dom.js";
import { collectErrors } from "./form-errors.js";
import { t, currentLang } from "./i18n.js";

/**
 * A labelled field. Options: name, label (text), type ("text", "email", "password", "textarea", "select"),
 * hint (text), autocomplete, required, value, options ([{value, label}] for selects), attrs (extra attributes),
 * privacy (the privacy notice under the control; on for e-mail fields, off where nothing is collected, e.g. login).
 * Returns the wrapper <div class="field"> whose `.input` is the control.
 */
export function field({ name, label, type = "text", hint, autocomplete, required = false, value, options, attrs = {}, privacy = type === "email" }) {
  const id = uid(`f-${name}`);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const common = {
    id,
    name,
    autocomplete,
    required: required || null,
    "aria-describedby": hintId,
    ...attrs,
  };
  let input;
  if (type === "textarea") {
    input = h("textarea", common, value ?? "");
  } else if (type === "select") {
    input = h(
      "select",
      common,
      (options || []).map((o) => h("option", { value: o.value, selected: String(o.value) === String(value) }, o.label)),
    );
  } else {
    input = h("input", { ...common, type, value: value ?? null });
  }
  const wrapper = h(
    "div",
    { class: "field", dataset: { field: name } },
    h("label", { for: id }, label, required ? h("span", { class: "required" }, ` (${t("form.required")})`) : null),
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
    h("p", { class: "field-error", id: errorId, hidden: true }),
    input,
    privacy ? privacyNotice() : null, // beside every e-mail field: what it is for, and the policy
  );
  wrapper.input = input;
  wrapper.hintId = hintId;
  wrapper.errorId = errorId;
  return wrapper;
}

/** A <form novalidate> with an (initially empty) error summary on top; the server validates.
 * `privacy: true` (forms that collect personal data) adds the link to the privacy policy under the form. */
export function form({ onSubmit, label, privacy = false }, ...children) {
  const summary = h("div", { class: "error-summary", role: "alert", tabindex: "-1", hidden: true });
  const note = privacy && !children.flat().some((c) => c?.querySelector?.(".privacy-notice")) ? privacyNotice() : null;
  const el = h("form", { novalidate: true, "aria-label": label || null }, summary, ...children, note);
  el.summary = summary;
  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = el.querySelector("button[type=submit]");
    if (el.dataset.busy) return;
    el.dataset.busy = "1";
    if (button) button.setAttribute("aria-disabled", "true");
    clearErrors(el);
    try {
      await onSubmit(values(el), el);
    } catch (error) {
      if (error && error.name === "AbortError") return;
      showErrors(el, error);
    } finally {
      delete el.dataset.busy;
      if (button) button.removeAttribute("aria-disabled");
    }
  });
  return el;
}

/** The form's values as an object (by input name). */
export function values(formEl) {
  const data = {};
  for (const [key, value] of new FormData(formEl).entries()) data[key] = value;
  return data;
}

export function clearErrors(formEl) {
  formEl.summary.hidden = true;
  formEl.summary.replaceChildren();
  for (const wrapper of formEl.querySelectorAll(".field")) {
    const error = wrapper.querySelector(".field-error");
    error.hidden = true;
    error.textContent = "";
    for (const input of wrapper.querySelectorAll("[aria-invalid]")) {
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", [wrapper.querySelector(".hint")?.id].filter(Boolean).join(" "));
      if (!input.getAttribute("aria-describedby")) input.removeAttribute("aria-describedby");
    }
  }
}

/** The visible name of a field: its label's own text (without "(Pflichtfeld)"), or a fieldset's legend. */
function fieldName(wrapper) {
  const legend = wrapper.querySelector("legend");
  if (legend) return legend.textContent.trim();
  const label = wrapper.querySelector("label");
  return label && label.firstChild ? label.firstChild.textContent.trim() : "";
}

/** Show an ApiError (or any error): per-field messages next to the fields, and a summary on top. */
export function showErrors(formEl, error) {
  const lookup = (name) => formEl.querySelector(`.field[data-field="${CSS.escape(name)}"]`);
  const { fields, general } = collectErrors(error, currentLang(), (name) => Boolean(lookup(name)));
  const items = [...general];
  for (const { name, message } of fields) {
    const wrapper = lookup(name);
    const holder = wrapper.querySelector(".field-error");
    holder.textContent = holder.textContent ? `${holder.textContent} ${message}` : message;
    holder.hidden = false;
    const input = wrapper.querySelector("input:checked, input, select, textarea");
    input.setAttribute("aria-invalid", "true");
    const ids = new Set((input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
    if (holder.id) ids.add(holder.id);
    input.setAttribute("aria-describedby", [...ids].join(" "));
    items.push(`${fieldName(wrapper)}: ${message}`);
  }
  formEl.summary.replaceChildren(
    h("h2", { class: "error-summary-title" }, t("form.errors_title")),
    h("ul", {}, items.map((item) => h("li", {}, item))),
  );
  formEl.summary.hidden = false;
  const firstInvalid = formEl.querySelector("[aria-invalid=true]");
  (firstInvalid || formEl.summary).focus();
}

/** A notice box (role=status) for confirmations. */
export function notice(message, { kind = "info" } = {}) {
  return h("div", { class: `notice notice-${kind}`, role: "status" }, message);
}
