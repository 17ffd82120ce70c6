/** Create an account: e-mail, password (rules shown up front), optional display name, mail language. */
import { apiUrl } from "../api.js";
import { legalSlugNow, termsCheckbox } from "../components/privacy-notice.js";
import { h } from "../dom.js";
import { field, form } from "../forms.js";
import { currentLang, t } from "../i18n.js";

export function render(root, params, ctx) {
  root.append(h("h1", {}, t("register.title")), h("p", {}, t("register.intro")));
  root.append(
    form(
      {
        onSubmit: async (data) => {
          await ctx.api.post(apiUrl("auth", "register"), {
            email: data.email,
            password: data.password,
            display_name: data.display_name || "",
            locale: data.locale,
            accept_terms: data.accept_terms === "yes",
            terms_of: legalSlugNow(), // the terms the link above showed
          });
          await ctx.navigate("/check-mail");
        },
      },
      field({
        name: "email",
        label: t("register.email"),
        type: "email",
        autocomplete: "email",
        required: true,
        hint: t("register.email_hint"),
      }),
      field({
        name: "password",
        label: t("register.password"),
        type: "password",
        autocomplete: "new-password",
        required: true,
        attrs: { minlength: 10 }, // the server's rule, checked before sending too
        hint: t("register.password_rules"),
      }),
      field({
        name: "display_name",
        label: t("register.display_name"),
        autocomplete: "nickname",
        hint: t("register.display_name_hint"),
        attrs: { maxlength: 60 },
      }),
      field({
        name: "locale",
        label: t("register.locale"),
        type: "select",
        value: currentLang(),
        options: [
          { value: "de", label: t("locale.de") },
          { value: "en", label: t("locale.en") },
        ],
      }),
      termsCheckbox(),
      h("button", { type: "submit", class: "primary" }, t("register.submit")),
    ),
    h("p", {}, t("register.have_account"), " ", h("a", { href: "#/login" }, t("login.title"))),
  );
}
