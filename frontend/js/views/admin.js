/** The back office's start: what still needs doing before going live (checklist), then every section. */
import { visibleAdminSections } from "../admin-sections.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";

export async function render(root, _params, ctx) {
  root.append(h("h1", {}, t("admin.title")), h("p", { class: "lead" }, t("admin.lead")));
  const sections = visibleAdminSections(ctx.session, ctx.slug);
  if (sections.length === 0) {
    root.append(h("p", { role: "alert" }, t("admin.forbidden")));
    return;
  }
  // The onboarding checklist (what is missing before going live) is drawn into this slot.
  root.append(h("div", { id: "admin-checklist" }));
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
