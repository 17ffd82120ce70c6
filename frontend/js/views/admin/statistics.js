/**
 * Back office: the statistics dashboard. Live figures of the Mängelmelder and of participation, each chart
 * beside a table with the same numbers; downloads of the statistics PDF and the open data; for admins the
 * scheduled jobs ("Geplante Aufgaben"). Read-only: council members see it, nobody changes anything here.
 */
import { municipalityUrl } from "../../api.js";
import { barChart, pairedColumns } from "../../charts.js";
import { h, uid } from "../../dom.js";
import { currentLang, formatDate, formatDateTime, formatNumber, t } from "../../i18n.js";
import "../../messages-statistics.js";
import { adminFrame } from "./frame.js";

const SERIES = [
  { key: "new", label: "stats.trend_new" },
  { key: "closed", label: "stats.trend_closed" },
];

function days(value) {
  return value === null ? t("stats.no_value") : t("stats.days", { count: value });
}

/** A table with a caption: `columns` are text keys, `rows` arrays of cells (the first one heads its row). */
function table(caption, columns, rows, empty) {
  if (rows.length === 0) return h("p", {}, t(empty));
  const headers = columns.map((key) => t(key));
  return h("table", { class: "figures" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, headers.map((label) => h("th", { scope: "col" }, label)))),
    h("tbody", {}, rows.map(([first, ...rest]) =>
      h("tr", {},
        h("th", { scope: "row", "data-label": headers[0] }, first),
        rest.map((value, index) => h("td", { "data-label": headers[index + 1] }, formatNumber(value)))))));
}

/** One figure: heading, chart and table (the table is the chart's list alternative). */
function block(title, chart, list, note = null, { paired = true } = {}) {
  const id = uid("stats");
  return h("section", { class: "stats-block", "aria-labelledby": id },
    h("h3", { id }, title),
    note ? h("p", { class: "hint" }, note) : null,
    paired ? h("div", { class: "stats-pair" }, chart, list) : [chart, list]);
}

function countBars(title, rows, caption, firstColumn, empty) {
  const items = rows.map((row) => ({ label: row.name ?? row.label, value: row.count ?? row.total }));
  return block(title,
    items.length ? barChart(items, { title, describe: (item) => `${item.label}: ${formatNumber(item.value)}` }) : null,
    table(caption, [firstColumn, "stats.count"], items.map((item) => [item.label, item.value]), empty));
}

function defectsPart(slug, d) {
  const period = { from: d.since, to: d.until };
  const overdueTotal = d.overdue_by_department.reduce((sum, row) => sum + row.count, 0);
  const categories = d.by_category.map((row) => ({ label: row.name, value: row.total }));
  const weekLabel = (week) => t("stats.week_short", { week: Number(week.week.slice(-2)) });
  const weekTitle = t("stats.trend");
  return h("section", { "aria-labelledby": "stats-defects" },
    h("h2", { id: "stats-defects" }, t("stats.defects")),
    h("p", {}, t("stats.period", { from: formatDate(d.since), to: formatDate(d.until) })),
    h("dl", { class: "key-figures" },
      h("div", {}, h("dt", {}, t("stats.total")), h("dd", {}, formatNumber(d.total))),
      h("div", {}, h("dt", {}, t("stats.open")), h("dd", {}, formatNumber(d.open))),
      h("div", {}, h("dt", {}, t("stats.closed")), h("dd", {}, formatNumber(d.closed))),
      h("div", {}, h("dt", {}, t("stats.first_answer")), h("dd", {}, days(d.median_days_to_first_answer))),
      h("div", {}, h("dt", {}, t("stats.to_close")), h("dd", {}, days(d.median_days_to_close))),
      h("div", {}, h("dt", {}, t("stats.overdue_total")), h("dd", {}, formatNumber(overdueTotal)))),
    h("p", { class: "hint" }, t("stats.median_note")),
    countBars(t("stats.by_status"), d.by_status, t("stats.by_status"), "stats.status", "stats.no_reports"),
    block(t("stats.by_category"),
      categories.length ? barChart(categories, { title: t("stats.by_category"), describe: (item) => `${item.label}: ${formatNumber(item.value)}` }) : null,
      table(t("stats.by_category"), ["stats.category", "stats.count", "stats.open", "stats.closed"],
        d.by_category.map((row) => [row.name, row.total, row.open, row.closed]), "stats.no_reports")),
    countBars(t("stats.by_district"), d.by_district, t("stats.by_district"), "stats.district", "stats.no_reports"),
    (() => {
      const section = countBars(t("stats.overdue"), d.overdue_by_department, t("stats.overdue"), "stats.department", "stats.no_overdue");
      section.querySelector("h3").after(h("p", { class: "hint" }, t("stats.overdue_note", { count: d.overdue_after_days })));
      return section;
    })(),
    block(weekTitle,
      h("div", {},
        pairedColumns(d.weeks.map((week) => ({ ...week, label: weekLabel(week) })), SERIES, {
          title: weekTitle,
          describe: (week) => t("stats.trend_describe", { week: weekLabel(week), new: week.new, closed: week.closed }),
        }),
        h("ul", { class: "chart-legend" }, SERIES.map((s, index) =>
          h("li", {}, h("span", { class: index === 0 ? "swatch" : "swatch swatch-second", "aria-hidden": "true" }), t(s.label))))),
      table(weekTitle, ["stats.week", "stats.trend_new", "stats.trend_closed"],
        d.weeks.map((week) => [t("stats.week_long", { week: Number(week.week.slice(-2)), date: formatDate(week.starts_on) }), week.new, week.closed]),
        "stats.no_reports"),
      t("stats.trend_note")),
    h("h3", {}, t("stats.downloads")),
    h("ul", { class: "downloads" },
      h("li", {}, h("a", { href: municipalityUrl(slug, "defect-statistics.pdf", { ...period, lang: currentLang() }) }, t("stats.pdf"))),
      h("li", {}, t("stats.open_data"), " ",
        h("a", { href: municipalityUrl(slug, "open-data", "defect-reports.csv", period) }, "CSV"), " · ",
        h("a", { href: municipalityUrl(slug, "open-data", "defect-reports.geojson", period) }, "GeoJSON"), " · ",
        h("a", { href: municipalityUrl(slug, "open-data", "defect-reports.xlsx", period) }, "XLSX"))));
}

function participationPart(slug, consultations) {
  const title = t("stats.participants_chart");
  const items = consultations.map((c) => ({ label: c.title, value: c.participants }));
  return h("section", { "aria-labelledby": "stats-participation" },
    h("h2", { id: "stats-participation" }, t("stats.participation")),
    consultations.length
      ? block(title,
          barChart(items, { title, describe: (item) => `${item.label}: ${t("stats.people", { count: item.value })}` }),
          h("table", { class: "figures" },
            h("caption", {}, t("stats.participation_table")),
            h("thead", {}, h("tr", {}, ["stats.consultation", "stats.participants", "stats.proposals", "stats.comments", "stats.votes"]
              .map((key) => h("th", { scope: "col" }, t(key))))),
            h("tbody", {}, consultations.map((c) =>
              h("tr", {},
                h("th", { scope: "row", "data-label": t("stats.consultation") },
                  h("a", { href: `#/m/${slug}/consultations/${c.id}` }, c.title),
                  c.status === "archived" ? ` (${t("stats.archived")})` : null),
                [["stats.participants", c.participants], ["stats.proposals", c.proposals], ["stats.comments", c.comments], ["stats.votes", c.votes]]
                  .map(([key, value]) => h("td", { "data-label": t(key) }, formatNumber(value))))))),
          null,
          { paired: false })
      : h("p", {}, t("stats.no_consultations")));
}

function outcome(job) {
  if (job.running) return t("stats.job_running");
  if (job.last_outcome === "ok") return t("stats.job_ok", { count: job.last_count ?? 0 });
  if (job.last_outcome === "failed") return t("stats.job_failed");
  return t("stats.job_never");
}

function jobsPart(jobs) {
  return h("section", { "aria-labelledby": "stats-jobs" },
    h("h2", { id: "stats-jobs" }, t("stats.jobs")),
    h("p", {}, t("stats.jobs_lead")),
    jobs.length
      ? h("table", { class: "figures jobs" },
          h("caption", {}, t("stats.jobs")),
          h("thead", {}, h("tr", {}, ["stats.job", "stats.last_run", "stats.result", "stats.next_run"].map((key) => h("th", { scope: "col" }, t(key))))),
          h("tbody", {}, jobs.map((job) =>
            h("tr", { dataset: { job: job.name } },
              h("th", { scope: "row", "data-label": t("stats.job") }, t(`stats.job_name.${job.name.replaceAll("-", "_")}`)),
              h("td", { "data-label": t("stats.last_run") }, job.last_started_at ? formatDateTime(job.last_started_at) : t("stats.job_not_yet")),
              h("td", { "data-label": t("stats.result") }, job.last_outcome === "failed" ? h("strong", {}, outcome(job)) : outcome(job)),
              h("td", { "data-label": t("stats.next_run") }, job.next_run_at ? formatDateTime(job.next_run_at) : t("stats.no_value"))))))
      : h("p", {}, t("stats.jobs_none")));
}

export async function render(root, params, ctx) {
  const content = adminFrame(root, ctx, "statistics");
  if (!content) return;
  const slug = params.slug;
  const isAdmin = ctx.session.hasRole(slug, "admin");
  const [figures, jobs] = await Promise.all([
    ctx.api.get(municipalityUrl(slug, "statistics"), { query: { lang: currentLang() }, signal: ctx.signal }),
    isAdmin ? ctx.api.get(municipalityUrl(slug, "scheduled-jobs"), { signal: ctx.signal }) : null,
  ]);
  content.append(
    h("p", { class: "hint" }, t("stats.as_of", { time: formatDateTime(figures.generated_at) })),
    defectsPart(slug, figures.defects),
    participationPart(slug, figures.participation),
  );
  if (jobs) content.append(jobsPart(jobs));
}
