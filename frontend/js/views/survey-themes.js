/**
 * Themes of a survey's free-text answers on its results page. Everyone reads how many approved answers each
 * theme holds (a table per question) and the themes beside each quoted answer; staff and admins also create
 * and delete themes and tick the themes of each approved answer (checkboxes in a fieldset per answer, saved
 * at once, announced in a status line). Only approved answers ever reach this page.
 */
import "../messages-survey-themes.js";
import { municipalityUrl } from "../api.js";
import { h, uid } from "../dom.js";
import { field, form } from "../forms.js";
import { currentLang, formatNumber, t } from "../i18n.js";

const label = (theme) => (currentLang() === "en" && theme.label.en) || theme.label.de;

/** The counts table of one question: [{label, count}] most first. */
export function themeCounts(question, rows) {
  if (!rows.length) return null;
  return h("div", { class: "stats-block" },
    h("table", { class: "figures" },
      h("caption", {}, t("sth.counts", { question })),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("sth.theme")), h("th", { scope: "col" }, t("sth.answers")))),
      h("tbody", {}, rows.map((row) => h("tr", {}, h("th", { scope: "row", "data-label": t("sth.theme") }, row.label),
        h("td", { "data-label": t("sth.answers") }, formatNumber(row.count)))))),
    h("p", { class: "hint" }, t("sth.counts_note")));
}

/** The themes of a quoted answer as everyone reads them (labels from the question's counts). */
export function themesOf(text, counts) {
  const names = (text.themes || []).map((id) => counts.find((c) => c.theme === id)?.label).filter(Boolean);
  return names.length ? h("p", { class: "hint" }, t("sth.of_text", { themes: names.join(", ") })) : null;
}

/** Staff's tagging of one survey: null for everyone else (they never call the tagging endpoints). */
export async function tagging(ctx, slug, id) {
  if (!ctx.session.hasRole(slug, "staff")) return null;
  const url = (...parts) => municipalityUrl(slug, "surveys", id, ...parts);
  const [themes, answers] = await Promise.all([ctx.api.get(url("themes"), { signal: ctx.signal }), ctx.api.get(url("free-texts"), { signal: ctx.signal })]);
  const state = { themes, answers, redraws: new Set() };
  const status = h("p", { role: "status", class: "hint" });
  const say = (message) => { status.textContent = message; };
  const redraw = () => { for (const fn of state.redraws) fn(); };

  function counts(code) {
    const mine = state.answers.filter((a) => a.question === code);
    return state.themes.map((theme) => ({ theme: theme.id, label: label(theme), count: mine.filter((a) => a.themes.includes(theme.id)).length }))
      .filter((row) => row.count).sort((a, b) => b.count - a.count);
  }

  /** The manager: create a theme, the list with a delete button each. */
  function manager() {
    const list = h("div", {});
    const listHeading = h("h3", { id: uid("sth-list"), tabindex: "-1" }, t("sth.list"));
    const drawList = () => {
      list.replaceChildren(state.themes.length
        ? h("ul", { class: "survey-themes" }, state.themes.map((theme) => {
          const n = state.answers.filter((a) => a.themes.includes(theme.id)).length;
          return h("li", {}, h("span", {}, t("sth.item", { label: label(theme), count: n })), " ",
            h("button", { type: "button", class: "secondary", onclick: async () => {
              if (!globalThis.confirm(t("sth.confirm", { label: label(theme) }))) return;
              await ctx.api.delete(url("themes", theme.id));
              state.themes = state.themes.filter((x) => x.id !== theme.id);
              for (const a of state.answers) a.themes = a.themes.filter((x) => x !== theme.id);
              redraw();
              say(t("sth.deleted", { label: label(theme) }));
              listHeading.focus();
            } }, t("sth.delete", { label: label(theme) })));
        }))
        : h("p", {}, t("sth.none")));
    };
    state.redraws.add(drawList);
    drawList();
    const create = form({ label: t("sth.new"), onSubmit: async (data, el) => {
      const made = await ctx.api.post(url("themes"), { label: { de: data.label_de, en: data.label_en || null } });
      state.themes.push(made);
      el.reset();
      redraw();
      say(t("sth.created", { label: label(made) }));
      el.querySelector("input")?.focus();
    } },
    h("h3", {}, t("sth.new")),
    field({ name: "label_de", label: t("sth.label_de"), required: true, attrs: { maxlength: 80 } }),
    field({ name: "label_en", label: t("sth.label_en"), attrs: { maxlength: 80, lang: "en" } }),
    h("p", {}, h("button", { type: "submit", class: "primary" }, t("sth.create"))));
    return h("section", { class: "stats-block", "aria-labelledby": "sth-manage" },
      h("h2", { id: "sth-manage" }, t("sth.manage")), h("p", { class: "hint" }, t("sth.manage_note")), status, create, listHeading, list);
  }

  /** One question's approved answers with a fieldset of theme checkboxes each, and its counts table. */
  function answersOf(q) {
    const mine = state.answers.filter((a) => a.question === q.code);
    const table = h("div", {});
    const items = h("div", {});
    const drawTable = () => table.replaceChildren(themeCounts(q.label, counts(q.code)) || "");
    const drawItems = () => items.replaceChildren(state.themes.length ? "" : h("p", { class: "hint" }, t("sth.first_theme")),
      h("ol", { class: "survey-texts" }, mine.map((answer, index) => {
        const n = index + 1;
        const boxes = state.themes.map((theme) => {
          const boxId = uid(`sth-${answer.id}`);
          return h("div", { class: "checkbox" },
            h("input", { type: "checkbox", id: boxId, checked: answer.themes.includes(theme.id), onchange: async (e) => {
              const wanted = e.target.checked ? [...answer.themes, theme.id] : answer.themes.filter((x) => x !== theme.id);
              try {
                const saved = await ctx.api.put(url("free-texts", answer.id, "themes"), { themes: wanted });
                answer.themes = saved.themes;
                drawTable();
                say(t("sth.saved", { n }));
              } catch (error) {
                e.target.checked = !e.target.checked;
                say(error.message_for ? error.message_for() : String(error.message));
              }
            } }),
            h("label", { for: boxId }, label(theme)));
        });
        return h("li", {}, h("blockquote", {}, answer.text),
          state.themes.length ? h("fieldset", { class: "theme-tags" }, h("legend", {}, t("sth.tags", { n })), boxes) : null);
      })));
    const both = () => { drawTable(); drawItems(); };
    state.redraws.add(both);
    both();
    return h("div", { dataset: { tagging: q.code } }, table, items);
  }

  return { manager, answersOf };
}
