/** Log in with e-mail and password; afterwards go where the person wanted to go (or the account page). */
import { apiUrl } from "../api.js";
import { h } from "../dom.js";
import { field, form } from "../forms.js";
import { t } from "../i18n.js";

function safeNext(params) {
  const next = params.query.get("next") || "/account";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/account";
}

export function render(root, params, ctx) {
  root.append(h("h1", {}, t("login.title")));
  if (ctx.session.me) {
    root.append(h("p", {}, t("login.already")), h("p", {}, h("a", { href: "#/account" }, t("nav.account"))));
    return;
  }
  const email = field({ name: "email", label: t("login.email"), type: "email", autocomplete: "email", required: true, privacy: false }); // logging in collects nothing
  const password = field({
    name: "password",
    label: t("login.password"),
    type: "password",
    autocomplete: "current-password",
    required: true,
  });
  root.append(
    form(
      {
        onSubmit: async (data) => {
          const me = await ctx.api.post(apiUrl("auth", "login"), { email: data.email, password: data.password });
          ctx.session.set(me);
          await ctx.navigate(safeNext(params));
        },
      },
      email,
      password,
      h("button", { type: "submit", class: "primary" }, t("login.submit")),
    ),
    h("p", {}, h("a", { href: "#/password-reset" }, t("login.forgot"))),
    h("p", {}, t("login.no_account"), " ", h("a", { href: "#/register" }, t("login.register"))),
  );
}
