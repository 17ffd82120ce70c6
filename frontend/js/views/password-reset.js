/** Ask for a password reset link by e-mail (the answer is the same for unknown addresses). */
import { apiUrl } from "../api.js";
import { h } from "../dom.js";
import { field, form } from "../forms.js";
import { t } from "../i18n.js";

export function render(root, params, ctx) {
  root.append(
    h("h1", {}, t("reset.title")),
    h("p", {}, t("reset.intro")),
    form(
      {
        onSubmit: async (data) => {
          await ctx.api.post(apiUrl("auth", "password-reset"), { email: data.email });
          await ctx.navigate("/check-mail");
        },
      },
      field({ name: "email", label: t("login.email"), type: "email", autocomplete: "email", required: true }),
      h("button", { type: "submit", class: "primary" }, t("reset.submit")),
    ),
  );
}
