/** Building blocks of the moderation queue page that need no page state: labels, selects, help, filters. */
import { h, uid } from "../dom.js";
import { currentLang, formatNumber, formatUnit, t } from "../i18n.js";

const AGES = [1, 24, 72, 168];

export function typeLabel(type) {
  const key = `mod.type.${type}`;
  const text = t(key);
  return text === key ? type : text;
}

export function label(reason) {
  return currentLang() === "en" ? reason.label_en : reason.label_de;
}

export function select(name, text, options, value) {
  const id = uid(name);
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, text),
    h(
      "select",
      { id, name },
      options.map(([optionValue, optionText]) =>
        h("option", { value: optionValue, selected: String(optionValue) === String(value ?? "") }, optionText),
      ),
    ),
  );
}

/** Where to blur a photo: four numbers in percent (keyboard-friendly, no dragging needed). */
export function regionFields() {
  const hintId = uid("region-hint");
  const number = (name, value) => {
    const fieldId = uid(name);
    return h(
      "div",
      { class: "field" },
      h("label", { for: fieldId }, t(`mod.region_${name}`)),
      h("input", { id: fieldId, name, type: "number", min: 0, max: 100, step: 1, value, "aria-describedby": hintId }),
    );
  };
  return h(
    "fieldset",
    { class: "mod-region" },
    h("legend", {}, t("mod.region")),
    h("p", { class: "hint", id: hintId }, t("mod.region_hint")),
    number("x", 0),
    number("y", 0),
    number("width", ""),
    number("height", ""),
  );
}

/**
 * The keyboard shortcuts, folded into one line ("Tastenkürzel") unless the screen is wide and the pointer a
 * mouse: on a phone the list of keys would push the queue a screen down, and touch has no keys to press.
 */
export function shortcutHelp(state) {
  const keys = [
    ["a", "mod.key_a"],
    ["r", "mod.key_r"],
    ["e", "mod.key_e"],
    ["h", "mod.key_h"],
    ["n / j", "mod.key_n"],
    ["k", "mod.key_k"],
    ["x", "mod.key_x"],
  ];
  const roomy = globalThis.matchMedia?.("(min-width: 60rem) and (pointer: fine)").matches ?? false;
  return h(
    "details",
    { class: "mod-shortcuts", open: roomy },
    h("summary", {}, t("mod.shortcuts_title")),
    h("p", {}, t("mod.shortcuts_intro")),
    h("dl", { class: "facts" }, keys.map(([key, text]) => [h("dt", {}, h("kbd", {}, key)), h("dd", {}, t(text))])),
    h(
      "div",
      { class: "field" },
      h(
        "label",
        {},
        h("input", { type: "checkbox", checked: true, onchange: (event) => (state.shortcuts = event.target.checked) }),
        " ",
        t("mod.shortcuts_on"),
      ),
    ),
  );
}

export function filterForm(filters, counts, catalogue, reasonLabels, ctx, slug) {
  const withCount = (entries) => entries.map(([value, text, count]) => [value, `${text} (${formatNumber(count)})`]);
  const types = withCount(Object.entries(counts.by_type).map(([type, n]) => [type, typeLabel(type), n]));
  const reasons = withCount(Object.entries(counts.by_reason).map(([code, n]) => [code, reasonLabels.get(code) || code, n]));
  const contexts = withCount(
    Object.entries(counts.by_context)
      .filter(([context]) => context !== "none")
      .map(([context, n]) => [context, counts.context_titles?.[context] || t("mod.context_number", { id: context }), n]),
  );
  const ages = AGES.map((hours) => [String(hours), formatUnit(hours, "hour")]);
  const form = h(
    "form",
    {
      class: "mod-filters",
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        const query = new URLSearchParams();
        for (const [key, value] of new FormData(form)) if (value) query.set(key, String(value));
        const text = query.toString();
        ctx.navigate(`/m/${slug}/moderation${text ? `?${text}` : ""}`);
      },
    },
    h("fieldset", {}, h("legend", { class: "visually-hidden" }, t("mod.filters")),
      select("type", t("mod.filter_type"), [["", t("mod.any")], ...types], filters.type),
      select("reason", t("mod.filter_reason"), [["", t("mod.any")], ...reasons], filters.reason),
      select("context", t("mod.filter_context"), [["", t("mod.any")], ...contexts], filters.context),
      select("min_age_hours", t("mod.filter_age"), [["", t("mod.age_any")], ...ages], filters.min_age_hours),
      h("button", { type: "submit", class: "secondary" }, t("mod.apply")),
    ),
  );
  // Folded away (a phone shows the list first); open while a filter is set, and the summary says how many.
  const active = Object.values(filters).filter(Boolean).length;
  return h(
    "details",
    { class: "mod-filter-box", open: active > 0 },
    h("summary", {}, active ? t("mod.filters_active", { count: active, n: formatNumber(active) }) : t("mod.filters")),
    form,
  );
}
