/** Map and list of reports with filters; the list is the accessible alternative and is paginated. */
import { municipalityUrl } from "../api.js";
import { h } from "../dom.js";
import { currentLang, formatDate, t } from "../i18n.js";
import { createBaseMap } from "../map/base.js";
import { renderList } from "../map/list.js";
import { reportsLayer, reportsLegend } from "../map/reports-layer.js";
import { statusLabel } from "../messages-reports.js";
import { field } from "../forms.js";
import { placeName } from "../map/picker-logic.js";
import { subscribeSection } from "./area-alerts.js";

const PAGE = 50;

export async function render(root, params, ctx) {
  const slug = params.slug;
    const [municipality, categories, legend] = await Promise.all([
    ctx.api.get(municipalityUrl(slug), { signal: ctx.signal }),
    ctx.api.get(municipalityUrl(slug, "defect-categories"), { signal: ctx.signal }),
    ctx.api.get(municipalityUrl(slug, "defect-statuses"), { signal: ctx.signal }),
  ]);
  const lang = currentLang();
  const categoryName = Object.fromEntries(categories.map((c) => [c.code, lang === "en" ? c.name_en : c.name_de]));
  const query = params.query;
  const filters = () => {
    const out = {};
    for (const key of ["category", "status_group", "district", "since"]) if (query.get(key)) out[key] = query.get(key);
    return out;
  };

  const filterForm = h(
    "form",
    { class: "filters", "aria-labelledby": "filter-heading" },
    h("h2", { id: "filter-heading" }, t("reports.filter")),
    field({
      name: "category",
      label: t("reports.category"),
      type: "select",
      value: query.get("category") || "",
      options: [{ value: "", label: t("reports.all") }, ...categories.map((c) => ({ value: c.code, label: categoryName[c.code] }))],
    }),
    field({
      name: "status_group",
      label: t("reports.status_group"),
      type: "select",
      value: query.get("status_group") || "",
      options: [
        { value: "", label: t("reports.all") },
        { value: "open", label: t("reports.open") },
        { value: "closed", label: t("reports.closed") },
      ],
    }),
    field({
      name: "district",
      label: t("reports.district"),
      type: "select",
      value: query.get("district") || "",
      options: [
        { value: "", label: t("reports.all") },
        ...municipality.districts.features.map((f) => ({ value: f.id, label: f.properties.name })),
      ],
    }),
    field({ name: "since", label: t("reports.since"), type: "date", value: query.get("since") || "" }),
    h("button", { type: "submit", class: "secondary" }, t("reports.filter_apply")),
  );
  filterForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams();
    for (const [key, value] of new FormData(filterForm).entries()) if (value) chosen.set(key, String(value));
    const text = chosen.toString();
    ctx.navigate(`/m/${slug}/reports${text ? `?${text}` : ""}`);
  });

  const mapBox = h("div", { id: "reports-map", class: "map-frame" });
  root.append(
    h("h1", {}, t("reports.title")),
    h("p", { class: "lead" }, t("reports.intro", { name: municipality.name })),
    h("p", {}, h("a", { href: `#/m/${slug}/reports/new`, class: "button primary" }, t("reports.new"))),
    filterForm,
    h(
      "section",
      { class: "map-section", "aria-labelledby": "reports-map-heading" },
      h("h2", { id: "reports-map-heading" }, t("reports.map_heading")),
      reportsLegend(),
      mapBox,
    ),
  );
  const base = createBaseMap(mapBox, { municipality, config: ctx.config, districtLabels: false });
  reportsLayer(base, { api: ctx.api, slug, filters, statusName: (status) => statusLabel(legend, status, lang) });

  const listHolder = h("div", { id: "report-list-holder" });
  const alerts = subscribeSection(ctx, { slug, municipality });
  root.append(listHolder, alerts.element);
  alerts.mount();
  const items = [];
  let cursor = null;
  let total = 0;

  async function loadPage() {
    const page = await ctx.api.get(municipalityUrl(slug, "reports"), {
      query: { ...filters(), limit: PAGE, cursor, details: true },
      signal: ctx.signal,
    });
    total = page.total;
    cursor = page.next_cursor;
    for (const f of page.features) {
      const p = f.properties;
      items.push({
        id: p.id,
        label: t("reports.item", { id: p.id, category: categoryName[p.category] || p.category }),
        detail: [
          statusLabel(legend, p.status, lang),
          placeName(p),
          p.created_at ? t("reports.reported_on", { date: formatDate(p.created_at) }) : "",
        ]
          .filter(Boolean)
          .join(" · "),
        excerpt: p.excerpt || "",
        thumb: p.thumb_url ? { src: p.thumb_url, alt: t("reports.photo_alt", { id: p.id }) } : null,
        href: `#/m/${slug}/reports/${p.id}`,
      });
    }
    const list = renderList({
      id: "report-list",
      heading: t("reports.list_heading"),
      intro: t("reports.list_count", { count: total }),
      items,
      empty: t("reports.none"),
    });
    const more = cursor
      ? h("button", { type: "button", class: "secondary", onclick: async (event) => {
          event.target.remove();
          await loadPage();
          listHolder.querySelector(`li[data-id="${items[items.length - PAGE]?.id}"] a`)?.focus();
        } }, t("reports.more"))
      : null;
    listHolder.replaceChildren(list, more || "");
  }
  await loadPage();
  return () => {
    alerts.destroy();
    base.destroy();
  };
}

