/**
 * Answering a survey, one section per screen: intro (what is stored, how long, who sees it), the way in
 * (code, account or mailed one-time code), sections with "Abschnitt 2 von 4", an error summary linking to the
 * questions, save and resume, and a thank-you. Keyboard only works throughout; nothing needs a pointer.
 */
import { ApiError, municipalityUrl } from "../api.js";
import { h } from "../dom.js";
import { field, notice, showErrors, clearErrors } from "../forms.js";
import "../messages-surveys.js";
import { currentLang, t } from "../i18n.js";
import { prove } from "../proof-of-work.js";
import { applyConditions, checkQuestions, questionField, readAnswers, tx, visibleSections } from "./survey-parts.js";

const store = (id) => ({
  get: (key) => window.localStorage.getItem(`survey-${id}-${key}`),
  set: (key, value) => window.localStorage.setItem(`survey-${id}-${key}`, value),
  drop: (key) => window.localStorage.removeItem(`survey-${id}-${key}`),
});

export async function render(root, params, ctx) {
  const url = (...parts) => municipalityUrl(params.slug, "surveys", params.id, ...parts);
  const survey = await ctx.api.get(url(), { signal: ctx.signal });
  const definition = survey.definition;
  const local = store(survey.id);
  document.title = `${tx(definition.title)} – stadtstimme`;
  root.append(h("h1", {}, tx(definition.title)));
  const main = h("div", { class: "survey" });
  root.append(main);

  if (survey.status !== "open") {
    main.append(notice(t(`survey.status_${survey.status}`)));
    return;
  }
  // The invitation letter's QR code and the invitation mail link here with ?code=…: the code is filled in.
  const linkCode = (params.query?.get("code") || "").trim().slice(0, 40);
  const state = { answers: {}, code: "", email: "", index: 0, resume: local.get("resume") || "", proof: null };
  const byPuzzle = definition.link_protection === "proof_of_work";
  const access = await ctx.api.get(url("access"), { signal: ctx.signal });
  const modes = new Set(access.modes);
  if (access.answered && !definition.allow_change) {
    main.append(notice(t("survey.already")));
    return;
  }

  function intro() {
    const start = h("button", { type: "button", class: "primary", onclick: () => begin() }, t("survey.start"));
    const parts = [
      h("p", { class: "lead" }, tx(definition.intro)),
      h("section", { class: "notice", "aria-labelledby": "survey-privacy" },
        h("h2", { id: "survey-privacy" }, t("survey.privacy_title")),
        h("p", {}, definition.anonymous ? t("survey.privacy_anonymous") : t("survey.privacy_named")),
        h("p", {}, t("survey.privacy_results"))),
      h("p", {}, t("survey.sections", { count: visibleSections(definition, {}).length })),
    ];
    const codeField = modes.has("code")
      ? field({ name: "code", label: t("survey.code"), hint: linkCode ? t("survey.code_from_link") : t("survey.code_hint"), autocomplete: "off", value: linkCode })
      : null;
    if (codeField) parts.push(codeField);
    if (!access.may_answer_with_account && !modes.has("link") && !modes.has("code")) {
      parts.push(notice(t(modes.has("verified") ? "survey.needs_verified" : "survey.needs_login")));
      main.replaceChildren(...parts);
      return;
    }
    const box = h("form", { novalidate: true, "aria-label": t("survey.start") }, h("div", { class: "error-summary", role: "alert", tabindex: "-1", hidden: true }), ...parts, start);
    box.summary = box.firstChild;
    box.addEventListener("submit", (e) => { e.preventDefault(); begin(); });
    main.replaceChildren(box);

    async function begin() {
      clearErrors(box);
      state.code = codeField ? codeField.input.value.trim() : "";
      if (state.code) {
        try {
          const seen = await ctx.api.get(url("access"), { query: { code: state.code } });
          if (seen.answered) throw new ApiError(409, { detail_de: t("survey.already", {}, "de"), detail_en: t("survey.already", {}, "en"), errors: [{ field: "code", detail_de: t("survey.already", {}, "de"), detail_en: t("survey.already", {}, "en") }] });
        } catch (error) {
          showErrors(box, error);
          return;
        }
      }
      try {
        const draft = await ctx.api.get(url("draft"), { query: { code: state.code || undefined, resume_token: state.resume || undefined } });
        state.answers = draft.answers || {};
      } catch {
        state.answers = {};
      }
      state.index = 0;
      screen();
    }
  }

  function screen() {
    const sections = visibleSections(definition, state.answers);
    const section = sections[state.index];
    const last = state.index === sections.length - 1;
    const headingId = `survey-section-${section.code}`;
    const summary = h("div", { class: "error-summary", role: "alert", tabindex: "-1", hidden: true });
    const fields = section.questions.map((q) => questionField(q, state.answers, String(survey.id)));
    const status = h("div", { role: "status" });
    const wayIn = [];
    if (last && !state.code && !access.may_answer_with_account && modes.has("link") && byPuzzle) {
      wayIn.push(h("section", { "aria-labelledby": "survey-proof" }, h("h3", { id: "survey-proof" }, t("survey.proof_title")), h("p", {}, t("survey.proof_text"))));
      startProof();
    } else if (last && !state.code && !access.may_answer_with_account && modes.has("link")) {
      const email = field({ name: "email", label: t("survey.email"), type: "email", required: true, autocomplete: "email", value: state.email, hint: t("survey.email_hint") });
      const send = h("button", { type: "button", class: "secondary", onclick: async () => {
        clearErrors(formEl);
        try {
          state.email = email.input.value.trim();
          await ctx.api.post(url("email-code"), { email: state.email, lang: currentLang() });
          status.replaceChildren(notice(t("survey.email_sent")));
        } catch (error) {
          showErrors(formEl, error);
        }
      } }, t("survey.email_send"));
      wayIn.push(h("section", { "aria-labelledby": "survey-email" }, h("h3", { id: "survey-email" }, t("survey.email_title")), email, send,
        field({ name: "email_code", label: t("survey.email_code"), required: true, autocomplete: "one-time-code", attrs: { inputmode: "numeric" } })));
    }
    const back = state.index > 0 ? h("button", { type: "button", class: "secondary", onclick: () => move(-1) }, t("survey.back")) : null;
    const save = h("button", { type: "button", class: "secondary", onclick: () => saveDraft() }, t("survey.save"));
    const next = h("button", { type: "submit", class: "primary" }, last ? t("survey.submit") : t("survey.next"));
    const formEl = h("form", { novalidate: true, "aria-labelledby": headingId },
      summary,
      h("p", { class: "survey-progress" }, t("survey.progress", { n: state.index + 1, total: sections.length })),
      h("progress", { max: sections.length, value: state.index + 1, "aria-hidden": "true" }),
      h("h2", { id: headingId, tabindex: "-1" }, tx(section.title)),
      section.intro ? h("p", {}, tx(section.intro)) : null,
      fields, wayIn, status,
      h("div", { class: "actions" }, back, save, next));
    formEl.summary = summary;
    formEl.addEventListener("change", () => {
      readAnswers(formEl, section.questions, state.answers);
      applyConditions(formEl, section.questions, state.answers);
    });
    formEl.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearErrors(formEl);
      readAnswers(formEl, section.questions, state.answers);
      applyConditions(formEl, section.questions, state.answers);
      const problems = checkQuestions(section.questions.filter((q) => !formEl.querySelector(`.field[data-field="${CSS.escape(q.code)}"]`)?.hidden), state.answers);
      if (problems.length) {
        showErrors(formEl, { errors: problems });
        return;
      }
      if (!last) {
        move(1);
        return;
      }
      await submit(formEl);
    });
    main.replaceChildren(formEl);
    applyConditions(formEl, section.questions, state.answers);
    formEl.querySelector("h2").focus();
  }

  function move(step) {
    state.index += step;
    screen();
    window.scrollTo(0, 0);
  }

  async function saveDraft() {
    const formEl = main.querySelector("form");
    const section = visibleSections(definition, state.answers)[state.index];
    readAnswers(formEl, section.questions, state.answers);
    try {
      const saved = await ctx.api.put(url("draft"), { answers: state.answers, code: state.code || null, resume_token: state.resume || null });
      if (saved.resume_token) {
        state.resume = saved.resume_token;
        local.set("resume", saved.resume_token);
      }
      formEl.querySelector("[role=status]").replaceChildren(notice(t("survey.saved")));
    } catch (error) {
      showErrors(formEl, error);
    }
  }

  /** Start solving a fresh puzzle in the background (the person is still reading the last screen). */
  function startProof() {
    if (!state.proof) state.proof = prove(() => ctx.api.get(url("proof-challenge"))).catch(() => null);
  }

  function usesPuzzle() {
    return byPuzzle && !state.code && !access.may_answer_with_account && modes.has("link");
  }

  async function submit(formEl) {
    const data = new FormData(formEl);
    const body = { answers: state.answers, code: state.code || null, resume_token: state.resume || null };
    if (data.get("email")) Object.assign(body, { email: data.get("email"), email_code: data.get("email_code") });
    if (usesPuzzle()) {
      startProof();
      formEl.querySelector("[role=status]").replaceChildren(notice(t("survey.proof_working")));
      body.proof = await state.proof;
      formEl.querySelector("[role=status]").replaceChildren();
      state.proof = null; // one puzzle, one answer attempt; a refused answer solves a new one next time
    }
    const token = local.get("change");
    try {
      let done;
      if (token && definition.allow_change && access.answered) done = await ctx.api.put(url("responses"), { answers: state.answers, change_token: token });
      else done = await ctx.api.post(url("responses"), body);
      if (done.change_token) local.set("change", done.change_token);
      local.drop("resume");
      main.replaceChildren(h("h2", { tabindex: "-1", id: "survey-thanks" }, t("survey.thanks")), h("p", {}, t("survey.thanks_text")));
      main.querySelector("h2").focus();
    } catch (error) {
      // An answer on another screen was refused: go there and show it.
      const sections = visibleSections(definition, state.answers);
      const codes = (error.errors || []).map((e) => e.field);
      const at = sections.findIndex((s) => s.questions.some((q) => codes.includes(q.code)));
      if (at >= 0 && at !== state.index) {
        state.index = at;
        screen();
        showErrors(main.querySelector("form"), error);
        return;
      }
      showErrors(formEl, error);
    }
  }

  intro();
}
