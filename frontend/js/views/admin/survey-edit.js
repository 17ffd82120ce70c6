/**
 * Back office: the survey builder. Sections and questions of every kind, choices one per line, a matrix's rows,
 * a condition ("show only if question X is Y"). The server checks the whole definition again on save.
 */
import { municipalityUrl } from "../../api.js";
import { h, uid } from "../../dom.js";
import { field, form, notice } from "../../forms.js";
import "../../messages-surveys.js";
import { t } from "../../i18n.js";
import { adminFrame } from "./frame.js";

const TYPES = ["single", "multiple", "scale", "matrix", "ranking", "number", "date", "yes_no", "short_text", "long_text"];
const CHOICE_TYPES = new Set(["single", "multiple", "ranking"]);
const AUDIENCES = ["residents", "businesses", "staff", "council", "other"];
const ACCESS = ["link", "account", "verified", "code"];
const PROTECTIONS = ["email_code", "proof_of_work"];

/** "Kfz-Zulassung" -> "kfz_zulassung": a code from a label, unique within `taken`. */
function codeOf(label, taken) {
  const base = (label.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 30)) || "a";
  let code = /^[a-z]/.test(base) ? base : `a_${base}`;
  let n = 2;
  while (taken.has(code)) code = `${base}_${n++}`;
  taken.add(code);
  return code;
}

/** Choices from German lines; the English labels given before stay with the choice in the same place. */
function lines(text, before = []) {
  const taken = new Set();
  return text.split("\n").map((l) => l.trim()).filter(Boolean)
    .map((label, i) => ({ code: codeOf(label, taken), label: { de: label, en: before[i]?.label?.en || null } }));
}

/** English labels, one a line in the German order, onto the choices there are (an empty line: German shown). */
function englishLines(text, choices) {
  const given = text.split("\n").map((l) => l.trim());
  choices.forEach((c, i) => { c.label = { ...c.label, en: given[i] || null }; });
}

const english = (text) => (text && text.en) || "";
const withEnglish = (text, value) => ({ ...(text || {}), en: value.trim() ? value : null });

function blankQuestion(n) {
  return { code: `q${n}`, type: "single", text: { de: "" }, required: false, choices: [], items: [] };
}

function checkbox(name, label, checked, attrs = {}) {
  const id = uid(name);
  return h("div", { class: "checkbox" }, h("input", { type: "checkbox", id, name, checked: Boolean(checked), ...attrs }), h("label", { for: id }, label));
}

export async function render(root, params, ctx) {
  const content = adminFrame(root, ctx, "surveys");
  if (!content) return;
  const url = (...parts) => municipalityUrl(params.slug, "surveys", ...parts);
  let surveyId = params.id && params.id !== "new" ? Number(params.id) : null;
  const survey = surveyId ? await ctx.api.get(url(surveyId), { signal: ctx.signal }) : null;
  const loaded = survey ? survey.definition : null;
  const editable = !survey || survey.status === "draft";
  const def = loaded || {
    title: { de: "", en: "" }, intro: { de: "", en: "" }, audiences: ["residents"], access_modes: ["account", "link"],
    anonymous: true, allow_change: false, sections: [{ code: "s1", title: { de: "" }, questions: [blankQuestion(1)] }],
  };
  let counter = def.sections.reduce((n, s) => n + s.questions.length, 0) + 1;
  const status = h("div", { role: "status" });
  const holder = h("div", {});
  content.append(h("h2", {}, loaded ? loaded.title.de : t("sb.builder_title")));
  if (!editable) content.append(h("p", { class: "notice", id: "survey-not-draft" }, t("sb.not_draft", { state: t(`sb.state_${survey.status}`) })));
  content.append(status, holder);

  function questionEditor(q, section, sIndex, qIndex) {
    const earlier = def.sections.slice(0, sIndex + 1).flatMap((s, i) => (i < sIndex ? s.questions : s.questions.slice(0, qIndex)));
    const legendText = t("sb.question", { n: qIndex + 1 });
    const bind = (key, transform = (v) => v) => ({ oninput: (e) => { q[key] = transform(e.target.value); } });
    const parts = [
      field({ name: `${q.code}-text`, label: t("sb.q_text"), value: q.text.de, required: true, attrs: { ...bind("text", (v) => ({ ...q.text, de: v })), "data-role": "text" } }),
      field({ name: `${q.code}-code`, label: t("sb.q_code"), value: q.code, required: true, attrs: { pattern: "[A-Za-z][A-Za-z0-9_]*", oninput: (e) => { q.code = e.target.value.trim(); } } }),
      field({ name: `${q.code}-type`, label: t("sb.q_type"), type: "select", value: q.type, options: TYPES.map((v) => ({ value: v, label: t(`sb.type.${v}`) })),
        attrs: { onchange: (e) => { q.type = e.target.value; draw(`${q.code}-type`); } } }),
      checkbox(`${q.code}-required`, t("sb.q_required"), q.required, { onchange: (e) => { q.required = e.target.checked; } }),
      field({ name: `${q.code}-help`, label: t("sb.q_help"), value: q.help?.de || "", attrs: { oninput: (e) => { q.help = e.target.value ? { ...(q.help || {}), de: e.target.value } : null; } } }),
    ];
    // English, optional and collapsed: German is shown wherever a text has no English
    const inEnglish = [
      field({ name: `${q.code}-text-en`, label: t("sb.en_text"), value: english(q.text), attrs: { lang: "en", oninput: (e) => { q.text = withEnglish(q.text, e.target.value); } } }),
      field({ name: `${q.code}-help-en`, label: t("sb.en_help"), hint: t("sb.en_help_hint"), value: english(q.help), attrs: { lang: "en", oninput: (e) => { if (q.help) q.help = withEnglish(q.help, e.target.value); } } }),
    ];
    if (CHOICE_TYPES.has(q.type)) {
      parts.push(field({ name: `${q.code}-choices`, label: t("sb.q_choices"), type: "textarea", value: (q.choices || []).map((c) => c.label.de).join("\n"),
        attrs: { rows: 4, oninput: (e) => { q.choices = lines(e.target.value, q.choices); } } }));
      inEnglish.push(field({ name: `${q.code}-choices-en`, label: t("sb.en_choices"), type: "textarea", value: (q.choices || []).map((c) => english(c.label)).join("\n"),
        attrs: { rows: 4, lang: "en", oninput: (e) => { englishLines(e.target.value, q.choices || []); } } }));
      parts.push(checkbox(`${q.code}-shuffle`, t("sb.q_shuffle"), q.shuffle, { onchange: (e) => { q.shuffle = e.target.checked; } }));
      if (q.type !== "ranking") parts.push(checkbox(`${q.code}-other`, t("sb.q_other"), q.allow_other, { onchange: (e) => { q.allow_other = e.target.checked; } }));
      if (q.type === "multiple") parts.push(field({ name: `${q.code}-max`, label: t("sb.q_max"), type: "number", value: q.max_choices ?? "", attrs: { min: 1, oninput: (e) => { q.max_choices = e.target.value ? Number(e.target.value) : null; } } }));
    }
    if (q.type === "matrix") {
      parts.push(field({ name: `${q.code}-items`, label: t("sb.q_items"), type: "textarea", value: (q.items || []).map((c) => c.label.de).join("\n"),
        attrs: { rows: 4, oninput: (e) => { q.items = lines(e.target.value, q.items); } } }));
      inEnglish.push(field({ name: `${q.code}-items-en`, label: t("sb.en_items"), type: "textarea", value: (q.items || []).map((c) => english(c.label)).join("\n"),
        attrs: { rows: 4, lang: "en", oninput: (e) => { englishLines(e.target.value, q.items || []); } } }));
    }
    if (q.type === "scale" || q.type === "matrix") {
      q.scale = q.scale || { points: 5, low: { de: "trifft gar nicht zu" }, high: { de: "trifft voll zu" } };
      parts.push(
        field({ name: `${q.code}-points`, label: t("sb.q_points"), type: "select", value: q.scale.points, options: [{ value: 5, label: "1–5" }, { value: 10, label: "1–10" }],
          attrs: { onchange: (e) => { q.scale.points = Number(e.target.value); } } }),
        field({ name: `${q.code}-low`, label: t("sb.q_low"), value: q.scale.low.de, attrs: { oninput: (e) => { q.scale.low = { ...q.scale.low, de: e.target.value }; } } }),
        field({ name: `${q.code}-high`, label: t("sb.q_high"), value: q.scale.high.de, attrs: { oninput: (e) => { q.scale.high = { ...q.scale.high, de: e.target.value }; } } }),
      );
      inEnglish.push(
        field({ name: `${q.code}-low-en`, label: t("sb.en_low"), value: english(q.scale.low), attrs: { lang: "en", oninput: (e) => { q.scale.low = withEnglish(q.scale.low, e.target.value); } } }),
        field({ name: `${q.code}-high-en`, label: t("sb.en_high"), value: english(q.scale.high), attrs: { lang: "en", oninput: (e) => { q.scale.high = withEnglish(q.scale.high, e.target.value); } } }),
      );
    }
    if (q.type === "number") {
      parts.push(
        field({ name: `${q.code}-min`, label: t("sb.q_min"), type: "number", value: q.minimum ?? "", attrs: { oninput: (e) => { q.minimum = e.target.value === "" ? null : Number(e.target.value); } } }),
        field({ name: `${q.code}-maxn`, label: t("sb.q_maxn"), type: "number", value: q.maximum ?? "", attrs: { oninput: (e) => { q.maximum = e.target.value === "" ? null : Number(e.target.value); } } }),
      );
    }
    if (earlier.length) parts.push(...conditionFields(q, earlier));
    const hasEnglish = [q.text, q.help, q.scale?.low, q.scale?.high, ...(q.choices || []).map((c) => c.label), ...(q.items || []).map((c) => c.label)].some((x) => x && x.en);
    parts.push(h("details", { class: "builder-english", open: hasEnglish || null }, h("summary", {}, t("sb.en_disclosure", { question: legendText })), inEnglish));
    const remove = h("button", { type: "button", class: "secondary", onclick: () => { section.questions.splice(qIndex, 1); draw(); } }, `${t("sb.remove")}: ${legendText}`);
    return h("fieldset", { class: "builder-question", dataset: { question: q.code } }, h("legend", {}, legendText), parts, moveButtons(q, sIndex, qIndex, legendText), remove);
  }

  /** Move a question up or down (past a section's edge into the neighbouring section); focus stays on the button. */
  function move(sIndex, qIndex, step) {
    const from = def.sections[sIndex].questions;
    const [q] = from.splice(qIndex, 1);
    const to = qIndex + step;
    if (to < 0) def.sections[sIndex - 1].questions.push(q);
    else if (to > from.length) def.sections[sIndex + 1].questions.unshift(q);
    else from.splice(to, 0, q);
    return q;
  }

  function moveButtons(q, sIndex, qIndex, legendText) {
    const first = sIndex === 0 && qIndex === 0;
    const last = sIndex === def.sections.length - 1 && qIndex === def.sections[sIndex].questions.length - 1;
    const button = (step, key, disabled) => h("button", {
      type: "button", class: "secondary", name: `${q.code}-${key}`, "aria-disabled": disabled ? "true" : null,
      onclick: () => {
        if (disabled) return;
        const moved = move(sIndex, qIndex, step);
        draw(`${moved.code}-${key}`, `${moved.code}-${key === "up" ? "down" : "up"}`);
        status.textContent = t(step < 0 ? "sb.moved_up" : "sb.moved_down", { question: moved.text.de || moved.code });
      },
    }, t(step < 0 ? "sb.move_up" : "sb.move_down", { question: legendText }));
    return h("div", { class: "builder-move" }, button(-1, "up", first), " ", button(1, "down", last));
  }

  /** "Nur zeigen, wenn": the earlier question, then its answer picked from its choices (Ja/Nein for yes/no);
   * typed only for questions without choices. A multiple-choice answer "contains" the choice. */
  function conditionFields(q, earlier) {
    const sourceOf = (code) => earlier.find((e) => e.code === code);
    const choicesOf = (source) => {
      if (!source) return null;
      if (source.type === "yes_no") return [{ value: "true", label: t("survey.yes") }, { value: "false", label: t("survey.no") }];
      if (source.type === "single" || source.type === "multiple") return (source.choices || []).map((c) => ({ value: c.code, label: c.label.de }));
      return null;
    };
    const on = (code) => {
      const source = sourceOf(code);
      const choices = choicesOf(source);
      return { question: code, operator: source?.type === "multiple" ? "contains" : "is", value: parseValue(choices?.[0]?.value ?? "") };
    };
    const question = field({ name: `${q.code}-cond`, label: t("sb.q_condition"), type: "select", value: q.condition?.question || "",
      options: [{ value: "", label: t("sb.q_condition_none") }, ...earlier.map((e) => ({ value: e.code, label: e.text.de || e.code }))],
      attrs: { onchange: (e) => { q.condition = e.target.value ? on(e.target.value) : null; draw(`${q.code}-cond`); } } });
    if (!q.condition) return [question];
    const choices = choicesOf(sourceOf(q.condition.question));
    const setValue = (e) => { q.condition.value = parseValue(e.target.value); };
    const answer = choices
      ? field({ name: `${q.code}-cond-value`, label: t("sb.q_condition_choice"), type: "select", value: String(q.condition.value), options: choices, attrs: { onchange: setValue } })
      : field({ name: `${q.code}-cond-value`, label: t("sb.q_condition_value"), value: String(q.condition.value), attrs: { oninput: setValue } });
    return [question, answer];
  }

  function parseValue(raw) {
    const v = raw.trim();
    if (v === "true") return true;
    if (v === "false") return false;
    return v;
  }

  function draw(focusName, fallbackName) {
    const sections = def.sections.map((section, sIndex) =>
      h("fieldset", { class: "builder-section", dataset: { section: section.code } },
        h("legend", {}, t("sb.section", { n: sIndex + 1 })),
        field({ name: `${section.code}-title`, label: t("sb.section_title"), value: section.title.de, required: true, attrs: { oninput: (e) => { section.title = { ...section.title, de: e.target.value }; } } }),
        h("details", { class: "builder-english", open: section.title.en ? true : null }, h("summary", {}, t("sb.en_disclosure", { question: t("sb.section", { n: sIndex + 1 }) })),
          field({ name: `${section.code}-title-en`, label: t("sb.en_section_title"), value: english(section.title), attrs: { lang: "en", oninput: (e) => { section.title = withEnglish(section.title, e.target.value); } } })),
        section.questions.map((q, qIndex) => questionEditor(q, section, sIndex, qIndex)),
        h("button", { type: "button", class: "secondary", onclick: () => {
          const q = blankQuestion(counter++);
          section.questions.push(q);
          draw(`${q.code}-text`);
        } }, `${t("sb.add_question")} (${t("sb.section", { n: sIndex + 1 })})`)));
    const editor = form(
      {
        label: t("sb.builder_title"),
        onSubmit: async () => {
          const body = { definition: def };
          const saved = surveyId ? await ctx.api.put(url(surveyId), body) : await ctx.api.post(url(), body);
          surveyId = saved.id;
          status.replaceChildren(notice(t("sb.saved")));
          ctx.navigate(`/m/${params.slug}/admin/surveys`);
        },
      },
      field({ name: "title", label: t("sb.title_de"), value: def.title.de, required: true, attrs: { oninput: (e) => { def.title.de = e.target.value; } } }),
      field({ name: "title_en", label: t("sb.title_en"), value: def.title.en || "", attrs: { oninput: (e) => { def.title.en = e.target.value || null; } } }),
      field({ name: "intro", label: t("sb.intro_de"), type: "textarea", value: def.intro.de, required: true, attrs: { rows: 4, oninput: (e) => { def.intro.de = e.target.value; } } }),
      field({ name: "intro_en", label: t("sb.intro_en"), type: "textarea", value: def.intro.en || "", attrs: { rows: 3, oninput: (e) => { def.intro.en = e.target.value || null; } } }),
      h("div", { class: "field", dataset: { field: "audiences" } }, h("fieldset", {}, h("legend", {}, t("sb.audiences")), h("p", { class: "field-error", hidden: true }),
        AUDIENCES.map((a) => checkbox(`aud-${a}`, t(`survey.audience_${a}`), def.audiences.includes(a), { onchange: (e) => {
          def.audiences = e.target.checked ? [...new Set([...def.audiences, a])] : def.audiences.filter((x) => x !== a);
        } })))),
      h("div", { class: "field", dataset: { field: "access_modes" } }, h("fieldset", {}, h("legend", {}, t("sb.access")), h("p", { class: "field-error", hidden: true }),
        ACCESS.map((a) => checkbox(`acc-${a}`, t(`sb.access_${a}`), def.access_modes.includes(a), { onchange: (e) => {
          def.access_modes = e.target.checked ? [...new Set([...def.access_modes, a])] : def.access_modes.filter((x) => x !== a);
        } })))),
      field({ name: "link_protection", label: t("sb.protection"), type: "select", hint: t("sb.protection_hint"), value: def.link_protection || "email_code",
        options: PROTECTIONS.map((p) => ({ value: p, label: t(`sb.protection_${p}`) })), attrs: { onchange: (e) => { def.link_protection = e.target.value; } } }),
      checkbox("anonymous", t("sb.anonymous"), def.anonymous, { onchange: (e) => { def.anonymous = e.target.checked; } }),
      checkbox("allow_change", t("sb.allow_change"), def.allow_change, { onchange: (e) => { def.allow_change = e.target.checked; } }),
      field({ name: "starts_on", label: t("sb.starts"), type: "date", value: def.starts_on || "", attrs: { onchange: (e) => { def.starts_on = e.target.value || null; } } }),
      field({ name: "ends_on", label: t("sb.ends"), type: "date", value: def.ends_on || "", attrs: { onchange: (e) => { def.ends_on = e.target.value || null; } } }),
      sections,
      h("button", { type: "button", class: "secondary", onclick: () => {
        const code = `s${def.sections.length + 1}`;
        def.sections.push({ code, title: { de: "" }, questions: [blankQuestion(counter++)] });
        draw(`${code}-title`);
      } }, t("sb.add_section")),
      h("p", {}, h("button", { type: "submit", class: "primary" }, t("sb.save"))),
    );
    holder.replaceChildren(editor);
    if (!editable) {
      // Questions change only in a draft (the server refuses it, too): shown to read, nothing to save.
      editor.querySelectorAll("input, select, textarea, button").forEach((el) => { el.disabled = true; });
      editor.querySelector("button[type=submit]")?.closest("p")?.remove();
    }
    const target = [focusName, fallbackName].filter(Boolean).map((name) => editor.querySelector(`[name="${CSS.escape(name)}"]`))
      .find((el) => el && el.getAttribute("aria-disabled") !== "true");
    target?.focus();
  }
  draw();
}
