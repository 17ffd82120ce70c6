/** My account: who I am, my roles per municipality, change the password, log out (here or everywhere). */
import { apiUrl } from "../api.js";
import { h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import { t } from "../i18n.js";

/** Change the password: the other sessions end, this one goes on. */
function passwordForm(ctx) {
  const done = h("div", { "aria-live": "polite" });
  const theForm = form(
    {
      label: t("account.password_title"),
      onSubmit: async (data, el) => {
        done.replaceChildren();
        await ctx.api.post(apiUrl("me", "password"), {
          current_password: data.current_password,
          new_password: data.new_password,
        });
        el.reset();
        done.append(notice(t("account.password_changed"), { kind: "success" }));
      },
    },
    field({
      name: "current_password",
      label: t("account.current_password"),
      type: "password",
      autocomplete: "current-password",
      required: true,
    }),
    field({
      name: "new_password",
      label: t("account.new_password"),
      type: "password",
      autocomplete: "new-password",
      required: true,
      attrs: { minlength: 10 }, // the server's rule, checked before sending too
      hint: t("register.password_rules"),
    }),
    h("button", { type: "submit", class: "primary" }, t("account.password_submit")),
  );
  return [h("h2", {}, t("account.password_title")), done, theForm];
}

/** Log out here, or on every device at once (a lost phone, a shared computer). */
function logoutButtons(ctx) {
  return [
    h("h2", {}, t("account.sessions_title")),
    h("p", {}, t("account.everywhere_text")),
    h(
      "div",
      { class: "actions" },
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
      " ",
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: async () => {
            await ctx.session.logoutEverywhere();
            await ctx.navigate("/");
          },
        },
        t("account.logout_everywhere"),
      ),
    ),
  ];
}

export async function render(root, params, ctx) {
  const me = await ctx.session.refresh();
  root.append(h("h1", {}, t("account.title")));
  if (!me) {
    root.append(h("p", {}, t("account.login_needed")), h("p", {}, h("a", { href: "#/login?next=/account" }, t("nav.login"))));
    return;
  }
  const names = new Map(ctx.municipalities.map((m) => [m.slug, m.name]));
  const councils = new Map(ctx.municipalities.map((m) => [m.slug, m.council_name]));
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
            h("li", {}, t("account.role_in", { role: t(`role.${m.role}`, { council: councils.get(m.municipality) || "Stadtverordnetenversammlung" }), municipality: names.get(m.municipality) || m.municipality })),
          ),
        )
      : h("p", {}, t("account.no_roles")),
    ...passwordForm(ctx),
    ...logoutButtons(ctx),
  );
}
