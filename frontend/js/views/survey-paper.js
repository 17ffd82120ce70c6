/** Staff type in a paper or phone answer: every question on one page, the channel, group and district. */
import { apiUrl, municipalityUrl } from "../api.js";
import { h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import "../messages-surveys.js";
import { t } from "../i18n.js";
import { applyConditions, checkQuestions, questionField, readAnswers, tx } from "./survey-parts.js";

export async function render(root, params, ctx) {
  const url = (...parts) => municipalityUrl(params.slug, "surveys", params.id, ...parts);
  const [survey, districts] = await Promise.all([
    ctx.api.get(url(), { signal: ctx.signal }),
    ctx.api.get(apiUrl("municipalities", params.slug), { signal: ctx.signal })
      .then((m) => (m.districts?.features || []).map((f) => ({ name: f.properties.name })))
      .catch(() => []),
  ]);
  const definition = survey.definition;
  document.title = `${t("survey.paper_title")} – stadtstimme`;
  root.append(h("h1", {}, t("survey.paper_title")), h("p", { class: "lead" }, tx(definition.title)), h("p", {}, t("survey.paper_lead")));
  const questions = definition.sections.flatMap((s) => s.questions);
  const status = h("div", {});
  let answers = {};
  const build = () => form(
    {
      label: t("survey.paper_title"),
      check: (_values, el) => {
        answers = readAnswers(el, questions, {});
        return checkQuestions(questions.map((q) => ({ ...q, required: false })), answers);
      },
      onSubmit: async (data, el) => {
        const saved = await ctx.api.post(url("paper"), {
          answers, channel: data.channel, audience: data.audience, district: data.district || null,
        });
        status.replaceChildren(notice(t("survey.paper_saved", { id: saved.response_id })));
        const fresh = build();
        el.replaceWith(fresh);
        fresh.querySelector("select").focus();
      },
    },
    field({ name: "channel", label: t("survey.channel"), type: "select", value: "paper", options: ["paper", "phone"].map((c) => ({ value: c, label: t(`survey.channel_${c}`) })) }),
    field({ name: "audience", label: t("survey.audience"), type: "select", value: definition.audiences[0], options: definition.audiences.map((a) => ({ value: a, label: t(`survey.audience_${a}`) })) }),
    field({ name: "district", label: t("survey.district"), type: "select", value: "", options: [{ value: "", label: t("survey.district_none") }, ...(districts || []).map((d) => ({ value: d.name, label: d.name }))] }),
    definition.sections.map((s) => h("section", { "aria-label": tx(s.title) }, h("h2", {}, tx(s.title)), s.questions.map((q) => questionField({ ...q, required: false, shuffle: false }, {})))),
    h("button", { type: "submit", class: "primary" }, t("survey.paper_save")),
  );
  const formEl = build();
  formEl.addEventListener("change", () => applyConditions(formEl, questions, readAnswers(formEl, questions, {})));
  root.append(status, formEl);
}
