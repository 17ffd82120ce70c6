/** The frame of every back-office screen: breadcrumb, heading, and a refusal for people without the role. */
import { adminSections } from "../../admin-sections.js";
import { h } from "../../dom.js";
import { t } from "../../i18n.js";

/**
 * Draw breadcrumb and heading of section `id` into `root`; returns the container for the section's content,
 * or null (after saying so) when the person may not open it. The server checks every call again.
 */
export function adminFrame(root, ctx, id) {
  const section = adminSections.find((s) => s.id === id);
  const title = section ? t(section.label) : t("admin.title");
  document.title = `${title} – stadtstimme`;
  root.append(
    h(
      "nav",
      { "aria-label": t("admin.breadcrumb"), class: "breadcrumb" },
      h("ol", {}, h("li", {}, h("a", { href: `#/m/${ctx.slug}/admin` }, t("admin.title"))), h("li", { "aria-current": "page" }, title)),
    ),
    h("h1", {}, title),
  );
  const allowed = section && section.roles.some((role) => ctx.session.hasRole(ctx.slug, role));
  if (!allowed) {
    root.append(h("p", { role: "alert" }, t("admin.forbidden")));
    return null;
  }
  if (section.lead) root.append(h("p", { class: "lead" }, t(section.lead)));
  const content = h("div", { class: "admin-section", dataset: { section: id } });
  root.append(content);
  return content;
}
