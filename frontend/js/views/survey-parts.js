/**
 * One survey question as accessible form controls (fieldset/legend for every group, a label per input),
 * the answers read back from them, and the conditions that show or hide a question or section.
 * Every question sits in a `.field[data-field=<code>]`, so server errors (field = question code) land beside it.
 */
import { h, uid } from "../dom.js";
import { currentLang, t } from "../i18n.js";

/** A definition text ({de, en}) in the current language, German when English is missing. */
export function tx(text) {
  if (!text) return "";
  return (currentLang() === "en" && text.en) || text.de || "";
}

/** Does the condition hold for these answers ("is" or "contains")? */
export function holds(condition, answers) {
  if (!condition) return true;
  const given = answers[condition.question];
  if (given === undefined || given === null || given === "") return false;
  if (condition.operator === "contains") {
    if (Array.isArray(given)) return given.map(String).includes(String(condition.value));
    return String(given).includes(String(condition.value));
  }
  return String(given).toLowerCase() === String(condition.value).toLowerCase();
}

/** The sections shown for these answers. */
export function visibleSections(definition, answers) {
  return definition.sections.filter((s) => holds(s.condition, answers));
}

/** Same order for the same person: shuffle with a seed (the survey id and question code). */
function shuffled(items, seed) {
  const list = [...items];
  let state = [...seed].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7);
  for (let i = list.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    const j = state % (i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

function legendOf(q) {
  return h("legend", {}, tx(q.text), q.required ? h("span", { class: "required" }, ` (${t("form.required")})`) : null);
}

function choiceInput(type, name, value, label, checked, extra = {}) {
  const id = uid(`q-${name}`);
  return h(
    "div",
    { class: type === "radio" ? "radio" : "checkbox" },
    h("input", { type, id, name, value, checked: Boolean(checked), ...extra }),
    h("label", { for: id }, label),
  );
}

function scaleRow(name, points, current, lowLabel, highLabel) {
  const options = [];
  for (let n = 1; n <= points; n += 1) {
    const label = n === 1 ? `1 – ${lowLabel}` : n === points ? `${points} – ${highLabel}` : String(n);
    options.push(choiceInput("radio", name, String(n), label, Number(current) === n));
  }
  return h("div", { class: "scale-row" }, options);
}

/** The control(s) of one question, filled with `value` (and `answers` for the "other" text). */
export function questionField(q, answers, seed = "") {
  const value = answers[q.code];
  const hintId = q.help ? uid(`hint-${q.code}`) : null;
  const hint = q.help ? h("p", { class: "hint", id: hintId }, tx(q.help)) : null;
  const error = h("p", { class: "field-error", id: uid(`err-${q.code}`), hidden: true });
  const wrap = (...controls) =>
    h("div", { class: "field survey-question", dataset: { field: q.code, type: q.type } }, ...controls);
  const choices = q.shuffle ? shuffled(q.choices, `${seed}${q.code}`) : q.choices;
  const described = hintId ? { "aria-describedby": hintId } : {};
  switch (q.type) {
    case "single":
    case "multiple": {
      const type = q.type === "single" ? "radio" : "checkbox";
      const picked = new Set([value].flat().filter(Boolean).map(String));
      const items = choices.map((c) =>
        choiceInput(type, q.code, c.code, tx(c.label), picked.has(c.code), { required: q.required && type === "radio", ...described }),
      );
      if (q.allow_other) {
        items.push(choiceInput(type, q.code, "other", t("survey.other"), picked.has("other")));
        const otherId = uid(`q-${q.code}-other`);
        items.push(
          h("div", { class: "other-text" },
            h("label", { for: otherId }, t("survey.other_text")),
            h("input", { id: otherId, type: "text", name: `${q.code}_other`, maxlength: 300, value: answers[`${q.code}_other`] || null })),
        );
      }
      const max = q.type === "multiple" && q.max_choices ? h("p", { class: "hint" }, t("survey.max_choices", { n: q.max_choices })) : null;
      return wrap(h("fieldset", {}, legendOf(q), hint, max, error, items));
    }
    case "yes_no":
      return wrap(
        h("fieldset", {}, legendOf(q), hint, error,
          choiceInput("radio", q.code, "true", t("survey.yes"), value === true, { required: q.required, ...described }),
          choiceInput("radio", q.code, "false", t("survey.no"), value === false, { required: q.required })),
      );
    case "scale": {
      const scale = q.scale || { points: 5 };
      return wrap(h("fieldset", {}, legendOf(q), hint, error, scaleRow(q.code, scale.points, value, tx(scale.low), tx(scale.high))));
    }
    case "matrix": {
      const scale = q.scale || { points: 5 };
      const rows = (q.shuffle ? shuffled(q.items, `${seed}${q.code}`) : q.items).map((item) =>
        h("fieldset", { class: "matrix-item" }, h("legend", {}, tx(item.label)),
          scaleRow(`${q.code}.${item.code}`, scale.points, (value || {})[item.code], tx(scale.low), tx(scale.high))),
      );
      return wrap(h("fieldset", { class: "matrix" }, legendOf(q), hint, error, rows));
    }
    case "ranking": {
      const order = Array.isArray(value) && value.length ? value : choices.map((c) => c.code);
      const label = Object.fromEntries(q.choices.map((c) => [c.code, tx(c.label)]));
      const list = h("ol", { class: "ranking", dataset: { ranking: q.code } });
      const status = h("p", { class: "visually-hidden", role: "status" });
      const draw = (focusCode, direction) => {
        list.replaceChildren(
          ...[...list.dataset.order.split(",")].map((code, index, all) =>
            h("li", { dataset: { code } }, h("span", {}, label[code]), " ",
              h("button", { type: "button", class: "secondary small", disabled: index === 0, dataset: { move: "up", code },
                "aria-label": t("survey.move_up", { item: label[code] }) }, "↑"),
              h("button", { type: "button", class: "secondary small", disabled: index === all.length - 1, dataset: { move: "down", code },
                "aria-label": t("survey.move_down", { item: label[code] }) }, "↓")),
          ),
        );
        if (focusCode) {
          const again = list.querySelector(`button[data-code="${focusCode}"][data-move="${direction}"]:not([disabled])`)
            || list.querySelector(`button[data-code="${focusCode}"]:not([disabled])`);
          if (again) again.focus();
        }
      };
      list.dataset.order = order.join(",");
      list.addEventListener("click", (event) => {
        const button = event.target.closest("button[data-move]");
        if (!button) return;
        const codes = list.dataset.order.split(",");
        const at = codes.indexOf(button.dataset.code);
        const to = button.dataset.move === "up" ? at - 1 : at + 1;
        [codes[at], codes[to]] = [codes[to], codes[at]];
        list.dataset.order = codes.join(",");
        draw(button.dataset.code, button.dataset.move);
        status.textContent = t("survey.moved", { item: label[button.dataset.code], n: to + 1 });
      });
      draw();
      return wrap(h("fieldset", {}, legendOf(q), hint ?? h("p", { class: "hint" }, t("survey.ranking_hint")), error, list, status));
    }
    default: {
      const id = uid(`q-${q.code}`);
      const attrs = { id, name: q.code, required: q.required || null, ...described };
      let input;
      if (q.type === "long_text") input = h("textarea", { ...attrs, maxlength: 5000, rows: 5 }, value ?? "");
      else if (q.type === "number")
        input = h("input", { ...attrs, type: "number", inputmode: "numeric", min: q.minimum ?? null, max: q.maximum ?? null, step: q.integer === false ? "any" : "1", value: value ?? null });
      else if (q.type === "date") input = h("input", { ...attrs, type: "date", value: value ?? null });
      else input = h("input", { ...attrs, type: "text", maxlength: 300, value: value ?? null });
      return wrap(
        h("label", { for: id }, tx(q.text), q.required ? h("span", { class: "required" }, ` (${t("form.required")})`) : null),
        hint, error, input,
      );
    }
  }
}

/** Read the answers of the questions in `container` into `answers` (unanswered ones are removed). */
export function readAnswers(container, questions, answers) {
  for (const q of questions) {
    const box = container.querySelector(`.field[data-field="${CSS.escape(q.code)}"]`);
    if (!box) continue;
    const checked = (name) => [...box.querySelectorAll(`input[name="${CSS.escape(name)}"]:checked`)].map((i) => i.value);
    let value;
    if (q.type === "single") value = checked(q.code)[0];
    else if (q.type === "multiple") value = checked(q.code);
    else if (q.type === "yes_no") value = checked(q.code)[0] === undefined ? undefined : checked(q.code)[0] === "true";
    else if (q.type === "scale") value = checked(q.code)[0] === undefined ? undefined : Number(checked(q.code)[0]);
    else if (q.type === "matrix") {
      value = {};
      for (const item of q.items) {
        const got = checked(`${q.code}.${item.code}`)[0];
        if (got !== undefined) value[item.code] = Number(got);
      }
    } else if (q.type === "ranking") value = box.querySelector("[data-ranking]").dataset.order.split(",");
    else {
      const raw = box.querySelector("input, textarea").value.trim();
      value = raw === "" ? undefined : q.type === "number" ? Number(raw) : raw;
    }
    const empty = value === undefined || (Array.isArray(value) && !value.length) || (value && typeof value === "object" && !Array.isArray(value) && !Object.keys(value).length);
    if (empty) delete answers[q.code];
    else answers[q.code] = value;
    if (q.allow_other) {
      const other = box.querySelector(`input[name="${CSS.escape(`${q.code}_other`)}"]`).value.trim();
      if (other && [value].flat().includes("other")) answers[`${q.code}_other`] = other;
      else delete answers[`${q.code}_other`];
    }
  }
  return answers;
}

/** The problems the page can see itself (required, max choices, bounds), as {field, detail_de, detail_en}. */
export function checkQuestions(questions, answers) {
  const problems = [];
  const say = (field, key, params = {}) => problems.push({ field, detail_de: t(key, params, "de"), detail_en: t(key, params, "en") });
  for (const q of questions) {
    const value = answers[q.code];
    if (value === undefined) {
      if (q.required) say(q.code, "survey.check_required");
      continue;
    }
    if (q.type === "multiple" && q.max_choices && value.length > q.max_choices) say(q.code, "survey.check_max", { n: q.max_choices });
    if (q.type === "matrix" && q.required && Object.keys(value).length < q.items.length) say(q.code, "survey.check_rows");
    if (q.type === "number" && (Number.isNaN(value) || (typeof q.minimum === "number" && value < q.minimum) || (typeof q.maximum === "number" && value > q.maximum)))
      say(q.code, "survey.check_bounds", { min: q.minimum ?? "–", max: q.maximum ?? "–" });
    if ([value].flat().includes("other") && !answers[`${q.code}_other`]) say(q.code, "survey.check_other");
  }
  return problems;
}

/** Show only the questions whose condition holds; hidden ones are disabled (and so neither checked nor sent). */
export function applyConditions(container, questions, answers) {
  for (const q of questions) {
    const box = container.querySelector(`.field[data-field="${CSS.escape(q.code)}"]`);
    if (!box) continue;
    const shown = holds(q.condition, answers);
    box.hidden = !shown;
    box.style.display = shown ? "" : "none"; // .field sets a display of its own
    for (const input of box.querySelectorAll("input, textarea")) input.disabled = !shown;
    if (!shown) delete answers[q.code];
  }
}
