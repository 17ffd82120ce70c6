/** My account: who I am, my roles per municipality, log out. */
import { h } from "../dom.js";
import { t } from "../i18n.js";

export async function render(root, params, ctx) {
  const me = await ctx.session.refresh();
  root.append(h("h1", {}, t("account.title")));
  if (!me) {
    root.append(h("p", {}, t("account.login_needed")), h("p", {}, h("a", { href: "#/login?next=/account" }, t("nav.login"))));
    return;
  }
  const names = new Map(ctx.municipalities.map((m) => [m.slug, m.name]));
  root.append(
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, t("account.email")),
      h("dd", { "data-testid": "account-email" }, me.email),
      h("dt", {}, t("account.display_name")),
      h("dd", {}, me.display_name || t("account.no_display_name")),
      h("dt", {}, t("account.verified")),
      h("dd", {}, me.verified ? t("account.yes") : t("account.no")),
      h("dt", {}, t("account.locale")),
      h("dd", {}, t(`locale.${me.locale}`)),
    ),
    h("h2", {}, t("account.roles")),
    me.memberships.length
      ? h(
          "ul",
          { class: "roles" },
          me.memberships.map((m) =>
            h("li", {}, t("account.role_in", { role: t(`role.${m.role}`), municipality: names.get(m.municipality) || m.municipality })),
          ),
        )
      : h("p", {}, t("account.no_roles")),
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        onclick: async () => {
          await ctx.session.logout();
          await ctx.navigate("/");
        },
      },
      t("account.logout"),
    ),
  );
}
