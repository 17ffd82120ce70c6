/**
 * Accessible forms: a label per field, hints and errors tied to the input with aria-describedby,
 * aria-invalid on refused fields, and an error summary with role="alert" at the top of the form.
 * Server errors (ApiError.errors[{field, detail_de, detail_en}]) land next to the field they name.
 */
import { privacyNotice } from "./components/privacy-notice.js";
import { h, uid } from "./dom.js";
import { checkControl, collectErrors, summaryLine, withoutLabel } from "./form-errors.js";
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

/** A <form novalidate> with an (initially empty) error summary on top. Before sending, every field is checked
 * against what the form says (required, minlength, maxlength, e-mail format) and `check(values, formEl)` may
 * add more ([{field, detail_de, detail_en}], e.g. "a pin was chosen but not set"): all problems are listed at
 * once and nothing is sent. The server validates again; its refusal is shown the same way.
 * `privacy: true` (forms that collect personal data) adds the link to the privacy policy under the form. */
export function form({ onSubmit, label, privacy = false, check }, ...children) {
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
      const problems = [...checkFields(el), ...((check && check(values(el), el)) || [])];
      if (problems.length) {
        showErrors(el, { errors: problems });
        return;
      }
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

function controlOf(input) {
  if (input.tagName === "SELECT") return "select";
  if (input.tagName === "TEXTAREA") return "text";
  if (input.type === "checkbox" || input.type === "radio" || input.type === "file") return input.type;
  return "text";
}

const MISSING = new Set(["form.check_required", "form.check_choose", "form.check_confirm", "form.check_file"]);

/** The problems the form can see itself, one per field, in the order of the fields. */
export function checkFields(formEl) {
  const problems = [];
  for (const wrapper of formEl.querySelectorAll(".field[data-field]")) {
    const inputs = [...wrapper.querySelectorAll("input[name], select[name], textarea[name]")].filter(
      (input) => input.type !== "hidden" && !input.disabled && input.closest(".field") === wrapper,
    );
    if (!inputs.length) continue;
    const first = inputs[0];
    const kind = controlOf(first);
    const found = checkControl({
      kind,
      type: first.type,
      value: kind === "file" ? first.files && first.files.length : first.value,
      checked: inputs.some((input) => input.checked),
      required: inputs.some((input) => input.required),
      minlength: first.getAttribute("minlength"),
      maxlength: first.getAttribute("maxlength"),
    });
    if (found) {
      // a field may say in its own words what is missing (data-missing: a message key)
      if (MISSING.has(found.key) && first.dataset.missing) {
        found.key = first.dataset.missing;
      }
      problems.push({
        field: wrapper.dataset.field,
        detail_de: t(found.key, found.params || {}, "de"),
        detail_en: t(found.key, found.params || {}, "en"),
      });
    }
  }
  return problems;
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

/** The visible name of a field: its data-label, its label's own text (without "(Pflichtfeld)"), or a legend. */
function fieldName(wrapper) {
  if (wrapper.dataset.label) return wrapper.dataset.label;
  const legend = wrapper.querySelector("legend");
  if (legend) return legend.textContent.trim();
  const label = wrapper.querySelector("label");
  return label && label.firstChild ? label.firstChild.textContent.trim() : "";
}

/** Show an ApiError (or any error): per-field messages next to the fields, and on top a summary that takes the
 * focus (it may be far above the submit button) and links each line, which names its field, to that field. */
export function showErrors(formEl, error) {
  const lookup = (name) => formEl.querySelector(`.field[data-field="${CSS.escape(name)}"]`);
  const { fields, general } = collectErrors(error, currentLang(), (name) => Boolean(lookup(name)));
  const items = general.map((message) => h("li", {}, message));
  const listed = new Set();
  for (const { name, message } of fields) {
    const wrapper = lookup(name);
    const holder = wrapper.querySelector(".field-error");
    const text = withoutLabel(message);
    holder.textContent = holder.textContent ? `${holder.textContent} ${text}` : text;
    holder.hidden = false;
    const input = wrapper.querySelector("input:checked, input:not([type=hidden]), select, textarea");
    if (input) {
      input.setAttribute("aria-invalid", "true");
      const ids = new Set((input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
      if (holder.id) ids.add(holder.id);
      input.setAttribute("aria-describedby", [...ids].join(" "));
    }
    const line = summaryLine(fieldName(wrapper), message);
    if (listed.has(line)) continue;
    listed.add(line);
    const target = (wrapper.dataset.focus && document.getElementById(wrapper.dataset.focus)) || input || wrapper;
    items.push(
      h("li", {}, h("a", {
        href: target.id ? `#${target.id}` : "#",
        // the app routes by the hash: move the focus instead of following the link
        onclick: (event) => {
          event.preventDefault();
          if (!target.hasAttribute("tabindex") && !input) target.setAttribute("tabindex", "-1");
          target.focus();
          target.scrollIntoView({ block: "center" });
        },
      }, line)),
    );
  }
  formEl.summary.replaceChildren(h("h2", { class: "error-summary-title" }, t("form.errors_title")), h("ul", {}, items));
  formEl.summary.hidden = false;
  formEl.summary.focus();
}

/** A notice box (role=status) for confirmations. */
export function notice(message, { kind = "info" } = {}) {
  return h("div", { class: `notice notice-${kind}`, role: "status" }, message);
}
