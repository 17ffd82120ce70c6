/**
 * A survey's results: each question as a chart beside its table, the groups and districts compared (cells under
 * five answers hidden by the server), approved text answers, and the downloads. The API decides who sees what:
 * admins a live count while the survey runs, the council a draft once closed, everyone the published results.
 */
import "../messages-survey-results.js";
import { municipalityUrl } from "../api.js";
import { barChart } from "../charts.js";
import { h, uid } from "../dom.js";
import { currentLang, formatNumber, t } from "../i18n.js";
import { tagging, themeCounts, themesOf } from "./survey-themes.js";

const share = (value) => formatNumber(value, { maximumFractionDigits: 1 });
const decimal = (value) => (value === null || value === undefined ? "–" : formatNumber(value, { maximumFractionDigits: 2 }));

/** A table of figures: `columns` are headings, `rows` arrays of cells whose first cell heads its row. */
function table(caption, columns, rows) {
  return h("table", { class: "figures" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, columns.map((label) => h("th", { scope: "col" }, label)))),
    h("tbody", {}, rows.map(([first, ...rest]) =>
      h("tr", {},
        h("th", { scope: "row", "data-label": columns[0] }, first),
        rest.map((value, index) => h("td", { "data-label": columns[index + 1] }, value))))));
}

function shareChart(title, rows) {
  const items = rows.map((row) => ({ label: row.label, value: row.percent, count: row.count }));
  return barChart(items, {
    title: t("sres.chart", { question: title }),
    describe: (item) => t("sres.describe", { label: item.label, count: formatNumber(item.count), share: share(item.value) }),
    valueText: (value) => `${share(value)} %`,
  });
}

function countTable(caption, firstColumn, rows) {
  return table(caption, [firstColumn, t("sres.count"), t("sres.share")],
    rows.map((row) => [row.label, formatNumber(row.count), `${share(row.percent)} %`]));
}

function statsList(stats, { bounds = false } = {}) {
  const pairs = [["sres.mean", stats.mean], ["sres.median", stats.median]];
  if (bounds) pairs.push(["sres.minimum", stats.minimum], ["sres.maximum", stats.maximum]);
  return h("dl", { class: "key-figures" }, pairs.map(([key, value]) =>
    h("div", {}, h("dt", {}, t(key)), h("dd", {}, decimal(value)))));
}

/** Approved text answers: with their themes for everyone; for staff with the tagging checkboxes. */
function texts(q, tags) {
  const note = h("p", { class: "hint" }, t("sres.texts_note", { shown: q.texts.length, total: q.texts_total }));
  if (tags) return h("div", {}, note, tags.answersOf(q));
  const themes = q.themes || [];
  return h("div", {}, note, themeCounts(q.label, themes),
    q.texts.length
      ? h("ul", { class: "survey-texts" }, q.texts.map((item) => h("li", {}, h("blockquote", {}, item.text), themesOf(item, themes))))
      : h("p", {}, t("sres.no_texts")));
}

function questionBody(q, tags) {
  if (["single", "multiple", "yes_no"].includes(q.kind)) {
    const body = [h("div", { class: "stats-pair" }, shareChart(q.label, q.rows), countTable(q.label, t("sres.answer"), q.rows))];
    if (q.texts_total) body.push(h("h4", {}, t("sres.texts")), texts(q, tags));
    return body;
  }
  if (q.kind === "scale") {
    return [statsList(q.stats), h("div", { class: "stats-pair" }, shareChart(q.label, q.rows), countTable(q.label, t("sres.answer"), q.rows))];
  }
  if (q.kind === "matrix") {
    const points = q.items.length ? q.items[0].rows.map((row) => row.label) : [];
    const means = q.items.map((item) => ({ label: item.label, value: item.stats.mean ?? 0 }));
    return [h("div", { class: "stats-pair" },
      barChart(means, { title: `${q.label}: ${t("sres.mean")}`, describe: (item) => `${item.label}: ${decimal(item.value)}`, valueText: decimal }),
      table(q.label, [t("sres.item"), ...points, t("sres.mean"), t("sres.median")],
        q.items.map((item) => [item.label, ...item.rows.map((row) => formatNumber(row.count)), decimal(item.stats.mean), decimal(item.stats.median)])))];
  }
  if (q.kind === "ranking") {
    const firsts = q.items.map((item) => ({ label: item.label, value: item.first }));
    return [h("p", { class: "hint" }, t("sres.rank_note")), h("div", { class: "stats-pair" },
      barChart(firsts, { title: `${q.label}: ${t("sres.first")}`, describe: (item) => `${item.label}: ${formatNumber(item.value)}` }),
      table(q.label, [t("sres.item"), t("sres.mean_rank"), t("sres.first")],
        q.items.map((item) => [item.label, decimal(item.mean_rank), formatNumber(item.first)])))];
  }
  if (q.kind === "number") return [statsList(q.stats, { bounds: true })];
  if (q.kind === "date") {
    const months = q.months.map((row) => ({ label: row.label, value: row.count }));
    return [h("div", { class: "stats-pair" },
      barChart(months, { title: `${q.label}: ${t("sres.month")}`, describe: (item) => `${item.label}: ${formatNumber(item.value)}` }),
      countTable(q.label, t("sres.month"), q.months))];
  }
  return [texts(q, tags)];
}

function question(q, total, index, tags) {
  const id = `q-${q.code}`;
  return h("section", { class: "stats-block", "aria-labelledby": id },
    h("h3", { id }, `${index + 1}. ${q.label}`),
    h("p", { class: "hint" }, t("sres.answered", { answered: formatNumber(q.answered), total: formatNumber(total) })),
    questionBody(q, tags));
}

function crossTabs(headingKey, tabs) {
  const id = uid("crosstab");
  // A table of nothing but "< 5" says nothing and makes a phone page thousands of pixels long.
  const telling = tabs.filter((tab) => tab.groups.some((g) => g.cells.some((cell) => cell.count !== null)));
  const left = tabs.length - telling.length;
  return h("section", { "aria-labelledby": id },
    h("h2", { id }, t(headingKey)),
    h("p", { class: "hint" }, t("sres.crosstab_note")),
    telling.map((tab) => {
      const groups = tab.groups.map((g) =>
        (g.n === null ? t("sres.group_small", { label: g.label }) : t("sres.group_n", { label: g.label, n: formatNumber(g.n) })));
      return h("div", { class: "stats-block" }, table(tab.label, [t("sres.answer"), ...groups],
        tab.rows.map((row, index) => [row.label, ...tab.groups.map((g) => {
          const cell = g.cells[index];
          return cell.count === null ? cell.display : `${formatNumber(cell.count)} (${share(cell.percent)} %)`;
        })])));
    }),
    left ? h("p", { class: "muted", dataset: { crosstabsHidden: left } }, t("sres.crosstab_hidden", { count: left })) : null);
}

function downloads(slug, id, isAdmin) {
  const base = (tail, query = {}) => municipalityUrl(slug, "surveys", id, tail, query);
  return h("section", { "aria-labelledby": "sres-downloads" },
    h("h2", { id: "sres-downloads" }, t("sres.downloads")),
    h("ul", { class: "downloads" },
      h("li", {}, h("a", { href: base("report.pdf", { lang: "de" }) }, t("sres.report_pdf"))),
      h("li", {}, h("a", { href: base("report.pdf", { lang: "en" }), hreflang: "en" }, t("sres.report_pdf_en"))),
      isAdmin ? [
        h("li", {}, h("a", { href: base("questionnaire.pdf", { lang: currentLang() }) }, t("sres.questionnaire"))),
        h("li", {}, t("sres.export"), " ",
          h("a", { href: base("export.csv") }, "CSV"), " · ",
          h("a", { href: base("export.xlsx") }, "XLSX"), " · ",
          h("a", { href: base("codebook.csv") }, t("sres.codebook")), " · ",
          h("a", { href: base("codebook.sps") }, t("sres.spss"))),
      ] : null));
}

export async function render(root, params, ctx) {
  const { slug, id } = params;
  const r = await ctx.api.get(municipalityUrl(slug, "surveys", id, "results"), { query: { lang: currentLang() }, signal: ctx.signal });
  const b = r.breakdown;
  const tags = r.questions.some((q) => q.kind === "text" || q.texts_total) ? await tagging(ctx, slug, id) : null;
  const parts = [
    h("h1", {}, t("sres.title", { title: r.title })),
    h("p", { class: r.view === "published" ? "lead" : "draft-banner" }, t(`sres.view.${r.view}`)),
    h("dl", { class: "key-figures" }, h("div", {}, h("dt", {}, t("sres.responses")), h("dd", {}, formatNumber(b.total)))),
    h("div", { class: "stats-pair" },
      countTable(t("sres.by_audience"), t("sres.group"), b.audience),
      countTable(t("sres.by_channel"), t("sres.channel"), b.channel)),
    countTable(t("sres.by_district"), t("sres.district"), b.district),
    tags ? tags.manager() : null,
    h("h2", {}, t("sres.responses")),
    ...r.questions.map((q, index) => question(q, b.total, index, tags)),
    r.by_audience.length ? crossTabs("sres.crosstab_audience", r.by_audience) : null,
    r.by_district.length ? crossTabs("sres.crosstab_district", r.by_district) : null,
    downloads(slug, id, ctx.session.hasRole(slug, "admin")),
  ];
  root.append(...parts.filter(Boolean));
}
