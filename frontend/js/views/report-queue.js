/** Staff: the department queue as cards (a phone in the field first): filters, search and sorting kept in the
 * address (a link or the back button keeps them), a map of the listed reports (the cards are its list
 * alternative), paging on request, and one status change with one public note for the selected reports. */
import { municipalityUrl } from "../api.js";
import "../messages-resident.js";
import { append, h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import { placeName } from "../map/picker-logic.js";
import { currentLang, formatDate, formatNumber, t } from "../i18n.js";
import { statusLabel } from "../messages-reports.js";
import { queueMap, templateChoice } from "./report-staff-casework.js";

// The filters the address carries, and their defaults (a default is left out of the address).
const FILTERS = ["q", "status_group", "status", "category", "district", "assigned", "priority", "overdue", "sort", "view"];

export async function render(root, params, ctx) {
  const slug = params.slug;
  const query = params.query;
  if (!ctx.session.hasRole(slug, "staff")) {
    root.append(h("h1", {}, t("queue.title")), h("p", {}, t("queue.no_access")));
    return;
  }
  const chosen = Object.fromEntries(FILTERS.map((name) => [name, query.get(name) || ""]));
  if (!query.has("status_group") && !chosen.status) chosen.status_group = "open";
  const apiQuery = { ...chosen, view: null, status_group: chosen.status ? null : chosen.status_group || null,
    overdue: chosen.overdue ? "true" : null };
  const page = (cursor) => ctx.api.get(municipalityUrl(slug, "defect-queue"), { query: { ...apiQuery, cursor }, signal: ctx.signal });
  const [first, legend, categories, municipality, templates] = await Promise.all([
    page(null),
    ctx.api.get(municipalityUrl(slug, "defect-statuses"), { signal: ctx.signal }),
    ctx.api.get(municipalityUrl(slug, "defect-categories"), { signal: ctx.signal }),
    ctx.api.get(municipalityUrl(slug), { signal: ctx.signal }),
    ctx.api.get(municipalityUrl(slug, "reply-templates"), { signal: ctx.signal }).catch(() => []),
  ]);
  const lang = currentLang();
  const go = (values) => {
    const next = new URLSearchParams();
    for (const name of FILTERS) if (values[name]) next.set(name, String(values[name]));
    const text = next.toString();
    ctx.navigate(`/m/${slug}/reports/queue${text ? `?${text}` : ""}`);
  };

  const all = { value: "", label: t("reports.all") };
  const fields = {
    q: field({ name: "q", label: t("queue.search"), type: "search", value: chosen.q, hint: t("queue.search_hint") }),
    assigned: field({ name: "assigned", label: t("queue.assigned"), type: "select", value: chosen.assigned,
      options: [all, { value: "me", label: t("queue.assigned_me") }, { value: "none", label: t("queue.assigned_none") }] }),
    status_group: field({ name: "status_group", label: t("reports.status_group"), type: "select", value: chosen.status ? "" : chosen.status_group,
      options: [all, { value: "open", label: t("reports.open") }, { value: "closed", label: t("reports.closed") }] }),
    status: field({ name: "status", label: t("queue.status_exact"), type: "select", value: chosen.status,
      options: [all, ...legend.map((s) => ({ value: s.status, label: lang === "en" ? s.label_en : s.label_de }))] }),
    category: field({ name: "category", label: t("reports.category"), type: "select", value: chosen.category,
      options: [all, ...categories.map((c) => ({ value: c.code, label: lang === "en" ? c.name_en : c.name_de }))] }),
    district: field({ name: "district", label: t("reports.district"), type: "select", value: chosen.district,
      options: [all, ...municipality.districts.features.map((f) => ({ value: f.id, label: f.properties.name }))] }),
    priority: field({ name: "priority", label: t("casework.priority"), type: "select", value: chosen.priority,
      options: [all, ...["dringend", "hoch", "normal"].map((p) => ({ value: p, label: t(`casework.priority_${p}`) }))] }),
    sort: field({ name: "sort", label: t("queue.sort"), type: "select", value: chosen.sort || "oldest",
      options: ["oldest", "newest", "overdue", "priority"].map((s) => ({ value: s, label: t(`queue.sort_${s}`) })) }),
  };
  // On a phone the search, "mir zugewiesen" and the button come first; the other filters fold away.
  const moreSet = ["status", "category", "district", "priority", "sort", "overdue"].some((name) => chosen[name]);
  const filterForm = h("form", { class: "queue-filters", role: "search", "aria-label": t("queue.filter") },
    h("div", { class: "filter-grid" }, fields.q, fields.assigned),
    h("details", { open: moreSet || null },
      h("summary", {}, t("queue.more_filters")),
      h("div", { class: "filter-grid" },
        fields.status_group, fields.status, fields.category, fields.district, fields.priority, fields.sort,
        h("div", { class: "field checkbox" },
          h("input", { type: "checkbox", id: "queue-overdue", name: "overdue", value: "1", checked: Boolean(chosen.overdue) }),
          h("label", { for: "queue-overdue" }, t("queue.only_overdue"))))),
    h("button", { type: "submit", class: "secondary" }, t("reports.filter_apply")),
  );
  filterForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(filterForm).entries());
    if (values.sort === "oldest") values.sort = "";
    if (values.status) values.status_group = "";
    else if (!values.status_group) values.status_group = "all";
    if (values.status_group === "open") values.status_group = ""; // the default
    go({ ...values, view: chosen.view });
  });

  // Each report is a card: number and category as its heading, then what a worker in the street needs.
  const selected = new Set();
  const priorityText = (p) => (p && p !== "normal" ? t(`casework.priority_${p}`) : "");
  const card = (item) => {
    const box = h("input", { type: "checkbox", id: `pick-${item.id}`, class: "pick", onchange: (e) => {
      if (e.target.checked) selected.add(item.id); else selected.delete(item.id);
      bulkCount.textContent = t("queue.selected", { count: selected.size });
    } });
    return h("li", { class: `queue-card${item.overdue ? " overdue" : ""}`, dataset: { id: item.id } },
      h("h2", { class: "card-title" }, h("a", { href: `#/m/${slug}/reports/${item.id}` }, `#${item.id} ${item.category_name_de}`)),
      h("p", { class: "card-status" },
        statusLabel(legend, item.status, lang),
        item.overdue ? h("strong", {}, ` · ${t("queue.overdue")}`) : null,
        item.reopened ? h("strong", { class: "reopened" }, ` · ${t("queue.reopened")}`) : null,
        priorityText(item.priority) ? h("strong", { class: `priority priority-${item.priority}` }, ` · ${priorityText(item.priority)}`) : null),
      h("p", {}, placeName(item) || t("queue.no_place"),
        item.placed === false ? h("strong", {}, ` (${t("report.not_placed")})`) : null),
      item.description ? h("p", { class: "card-text" }, item.description) : null,
      h("p", { class: "muted" },
        `${t("queue.received")}: ${formatDate(item.created_at)}`,
        item.affected_count ? ` · ${t("queue.affected")}: ${formatNumber(item.affected_count)}` : "",
        ` · ${item.assignee_name ? t("queue.assignee", { name: item.assignee_name }) : t("queue.nobody")}`),
      h("p", { class: "pick-line" }, box, h("label", { for: `pick-${item.id}` }, t("queue.pick", { id: item.id }))));
  };
  const items = [...first.items];
  const list = h("ul", { class: "queue-cards", id: "queue-list", "aria-label": t("queue.caption") }, first.items.map(card));
  let cursor = first.next_cursor;
  let mapView = null;
  // No silent cut-off: further pages load on request, and focus moves to the first new report.
  const more = h("button", { type: "button", class: "secondary", hidden: !cursor, onclick: async () => {
    const next = await page(cursor);
    cursor = next.next_cursor;
    items.push(...next.items);
    const cards = next.items.map(card);
    list.append(...cards);
    more.hidden = !cursor;
    if (mapView) mapView.show(items);
    cards[0]?.querySelector("a")?.focus();
  } }, t("reports.more"));

  const showMap = chosen.view === "map";
  const mapBox = showMap ? h("div", { id: "queue-map", class: "map-frame" }) : null;
  const views = h("p", { class: "queue-views" },
    h("a", { href: "#", id: "queue-view-list", "aria-current": showMap ? null : "true",
      onclick: (e) => { e.preventDefault(); go({ ...chosen, view: "" }); } }, t("queue.view_list")),
    " · ",
    h("a", { href: "#", id: "queue-view-map", "aria-current": showMap ? "true" : null,
      onclick: (e) => { e.preventDefault(); go({ ...chosen, view: "map" }); } }, t("queue.view_map")),
    " · ",
    h("a", { href: `#/m/${slug}/reports/on-behalf` }, t("queue.on_behalf")));

  // Several at once: one status, one public note; each report's reporter and followers are told as usual.
  const bulkCount = h("p", { id: "bulk-count", "aria-live": "polite" }, t("queue.selected", { count: 0 }));
  const statuses = [...new Set(legend.filter((s) => !["duplikat", "nicht_zustaendig"].includes(s.status)).map((s) => s.status))];
  const bulk = h("section", { class: "bulk", "aria-labelledby": "bulk-heading" },
    h("h2", { id: "bulk-heading" }, t("queue.bulk")),
    bulkCount,
    form({ label: t("queue.bulk"), check: () => (selected.size ? [] : [{ field: "status", detail_de: t("queue.pick_first"), detail_en: t("queue.pick_first") }]),
      onSubmit: async (data, el) => {
        const done = await ctx.api.post(municipalityUrl(slug, "defect-queue", "status"),
          { ids: [...selected], status: data.status, note: data.note || "" });
        const told = notice(t("queue.bulk_done", { count: done.changed.length }), { kind: "success" });
        told.setAttribute("tabindex", "-1");
        el.replaceWith(told,
          h("button", { type: "button", class: "secondary", onclick: () => ctx.navigate(window.location.hash, { replace: true }) },
            t("queue.reload")));
        told.focus();
      } },
      field({ name: "status", label: t("report.new_status"), type: "select", required: true,
        options: [{ value: "", label: t("report.choose_status") }, ...statuses.map((s) => ({ value: s, label: statusLabel(legend, s, lang) }))] }),
      templates.length ? templateChoice(templates) : null,
      field({ name: "note", label: t("report.note"), type: "textarea", hint: t("report.note_hint") }),
      h("button", { type: "submit", class: "primary" }, t("queue.bulk_save"))));

  append(root, [
    h("h1", {}, t("queue.title")),
    h("p", {}, t("queue.intro")),
    filterForm,
    views,
    mapBox ? h("section", { "aria-labelledby": "queue-map-heading" },
      h("h2", { id: "queue-map-heading" }, t("queue.map_heading")),
      h("p", { class: "hint" }, t("queue.map_hint")), mapBox) : null,
    first.items.length ? list : h("p", { id: "queue-none" }, t("queue.none")),
    more,
    first.items.length ? bulk : null,
  ]);
  if (mapBox) {
    mapView = queueMap(mapBox, { municipality, config: ctx.config, slug, legend });
    mapView.show(items);
    return () => mapView.destroy();
  }
  return null;
}
