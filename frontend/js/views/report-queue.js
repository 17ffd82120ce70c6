/** Staff: the department queue (oldest first, overdue marked), and the way to file on someone's behalf. */
import { municipalityUrl } from "../api.js";
import "../messages-resident.js";
import { h } from "../dom.js";
import { placeName } from "../map/picker-logic.js";
import { currentLang, formatDate, formatNumber, t } from "../i18n.js";
import { statusLabel } from "../messages-reports.js";

export async function render(root, params, ctx) {
  const slug = params.slug;
  const group = params.query.get("status_group") || "open";
  if (!ctx.session.hasRole(slug, "staff")) {
    root.append(h("h1", {}, t("queue.title")), h("p", {}, t("queue.no_access")));
    return;
  }
  const page = (cursor) =>
    ctx.api.get(municipalityUrl(slug, "defect-queue"), { query: { status_group: group, cursor }, signal: ctx.signal });
  const [first, legend] = await Promise.all([
    page(null),
    ctx.api.get(municipalityUrl(slug, "defect-statuses"), { signal: ctx.signal }),
  ]);
  const headers = [t("queue.number"), t("reports.category"), t("report.status"), t("report.place"), t("queue.received"), t("queue.affected")];
  // On a phone each row becomes a card; `data-label` repeats its column's heading beside the value.
  const cell = (index, ...content) => h("td", { "data-label": headers[index] }, ...content);
  const row = (item) =>
    h("tr", {},
      cell(0, h("a", { href: `#/m/${slug}/reports/${item.id}` }, `#${item.id}`)),
      cell(1, item.category_name_de),
      cell(2, statusLabel(legend, item.status, currentLang()), item.overdue ? h("strong", {}, ` (${t("queue.overdue")})`) : null,
        item.reopened ? h("strong", { class: "reopened" }, ` (${t("queue.reopened")})`) : null),
      cell(3, placeName(item),
        item.placed === false ? h("strong", {}, ` (${t("report.not_placed")})`) : null),
      cell(4, formatDate(item.created_at)),
      cell(5, formatNumber(item.affected_count)));
  const body = h("tbody", {}, first.items.map(row));
  let cursor = first.next_cursor;
  // No silent cut-off: further pages load on request, and focus moves to the first new report.
  const more = h("button", { type: "button", class: "secondary", hidden: !cursor, onclick: async () => {
    const next = await page(cursor);
    cursor = next.next_cursor;
    const rows = next.items.map(row);
    body.append(...rows);
    more.hidden = !cursor;
    rows[0]?.querySelector("a")?.focus();
  } }, t("reports.more"));
  root.append(
    h("h1", {}, t("queue.title")),
    h("p", {}, t("queue.intro")),
    h("p", {},
      h("a", { href: `#/m/${slug}/reports/queue?status_group=open`, "aria-current": group === "open" ? "page" : null }, t("reports.open")),
      " · ",
      h("a", { href: `#/m/${slug}/reports/queue?status_group=closed`, "aria-current": group === "closed" ? "page" : null }, t("reports.closed")),
      " · ",
      h("a", { href: `#/m/${slug}/reports/on-behalf` }, t("queue.on_behalf"))),
    first.items.length
      ? h("table", { class: "queue" },
          h("caption", {}, t("queue.caption")),
          h("thead", {}, h("tr", {},
            headers.map((label) => h("th", { scope: "col" }, label)))),
          body)
      : h("p", {}, t("queue.none")),
    more,
  );
}
