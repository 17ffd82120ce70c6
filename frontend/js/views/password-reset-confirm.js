/** The link from the reset mail: choose a new password. */
import { apiUrl } from "../api.js";
import { h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import { pick, t } from "../i18n.js";

export function render(root, params, ctx) {
  const heading = h("h1", {}, t("reset.confirm_title"));
  root.append(heading);
  const theForm = form(
    {
      onSubmit: async (data) => {
        const answer = await ctx.api.post(apiUrl("auth", "password-reset", "confirm"), {
          token: params.token,
          password: data.password,
        });
        theForm.replaceWith(
          h("div", {}, notice(pick(answer), { kind: "success" }), h("p", {}, h("a", { href: "#/login", class: "button primary" }, t("verify.login")))),
        );
      },
    },
    field({
      name: "password",
      label: t("reset.new_password"),
      type: "password",
      autocomplete: "new-password",
      required: true,
      attrs: { minlength: 10 }, // the server's rule, checked before sending too
      hint: t("register.password_rules"),
    }),
    h("button", { type: "submit", class: "primary" }, t("reset.confirm_submit")),
  );
  root.append(theForm, h("p", {}, h("a", { href: "#/password-reset" }, t("reset.request_again"))));
}
