/** The back office's start: what still needs doing before going live (checklist), then every section. */
import { visibleAdminSections } from "../admin-sections.js";
import { municipalityUrl } from "../api.js";
import { h, uid } from "../dom.js";
import { pick, t } from "../i18n.js";
import "../messages-checklist.js";

/** One step of the checklist: its state in words (not only colour), a link to its section, what is missing. */
function checklistItem(slug, item) {
  const missing = item.missing.map((entry) => pick(entry, "label"));
  return h("li", { class: item.done ? "checklist-item is-done" : "checklist-item", dataset: { item: item.key } },
    h("span", { class: "checklist-state" },
      h("span", { "aria-hidden": "true" }, item.done ? "✓ " : "○ "),
      `${t(item.done ? "checklist.done" : "checklist.open")}:`),
    " ",
    h("a", { href: `#/m/${slug}/admin/${item.section}` }, t(`checklist.item.${item.key}`)),
    !item.done && missing.length > 0
      ? h("p", { class: "checklist-missing" }, t("checklist.missing", { list: missing.join(", ") }))
      : null);
}

/** The onboarding checklist: what is done, what is missing (each linking to its section), the public listing. */
async function drawChecklist(slot, slug, ctx) {
  let list;
  try {
    list = await ctx.api.get(municipalityUrl(slug, "admin", "checklist"), { signal: ctx.signal });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    slot.append(h("p", { role: "status" }, t("checklist.unavailable")));
    return;
  }
  const id = uid("checklist");
  const done = list.items.filter((item) => item.done).length;
  slot.append(
    h("section", { class: "checklist", "aria-labelledby": id },
      h("h2", { id }, t("checklist.title")),
      h("p", {}, t("checklist.lead")),
      h("p", { class: "checklist-listing", dataset: { listed: String(list.listed) } },
        h("strong", {}, t(list.listed ? "checklist.listed" : "checklist.not_listed"))),
      h("p", { class: "checklist-progress" },
        list.done ? t("checklist.all_done") : t("checklist.progress", { done, total: list.items.length })),
      h("ul", { class: "checklist-items" }, list.items.map((item) => checklistItem(slug, item)))),
  );
}

export async function render(root, _params, ctx) {
  root.append(h("h1", {}, t("admin.title")), h("p", { class: "lead" }, t("admin.lead")));
  const sections = visibleAdminSections(ctx.session, ctx.slug);
  if (sections.length === 0) {
    root.append(h("p", { role: "alert" }, t("admin.forbidden")));
    return;
  }
  // The onboarding checklist (what is missing before going live) is drawn into this slot.
  const slot = h("div", { id: "admin-checklist" });
  root.append(slot);
  if (ctx.session.hasRole(ctx.slug, "admin")) await drawChecklist(slot, ctx.slug, ctx);
  root.append(
    h("h2", {}, t("admin.sections")),
    h(
      "ul",
      { class: "admin-sections" },
      sections.map((section) =>
        h(
          "li",
          {},
          h("a", { href: `#/m/${ctx.slug}/admin/${section.id}` }, t(section.label)),
          section.lead ? h("p", {}, t(section.lead)) : null,
        ),
      ),
    ),
  );
}
