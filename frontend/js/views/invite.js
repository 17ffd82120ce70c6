/** The link from an invitation mail: set the first password, then be logged in. */
import { apiUrl } from "../api.js";
import { h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import { currentLang, setLang, t } from "../i18n.js";

export function render(root, params, ctx) {
  // An invitation sent in English links with ?lang=en: the page speaks the language of the mail.
  const wanted = params.query?.get("lang");
  if (wanted && wanted !== currentLang()) {
    setLang(wanted); // a known language re-renders this route in it; an unknown one changes nothing
    if (currentLang() === wanted) return;
  }
  root.append(h("h1", {}, t("invite.title")), h("p", {}, t("invite.intro")));
  const theForm = form(
    {
      onSubmit: async (data) => {
        const me = await ctx.api.post(apiUrl("auth", "invitation"), { token: params.token, password: data.password });
        ctx.session.set(me);
        const town = ctx.municipalities.find((m) => me.memberships.some((x) => x.municipality === m.slug));
        const done = h("div", { tabindex: "-1", id: "invite-done" },
          notice(t("invite.done"), { kind: "success" }),
          h("p", {}, town
            ? h("a", { href: `#/m/${town.slug}`, class: "button primary" }, t("invite.to_town", { name: town.name }))
            : h("a", { href: "#/", class: "button primary" }, t("invite.to_home"))));
        theForm.replaceWith(done);
        done.focus();
      },
    },
    field({
      name: "password",
      label: t("invite.password"),
      type: "password",
      autocomplete: "new-password",
      required: true,
      attrs: { minlength: 10 }, // the server's rule, checked before sending too
      hint: t("register.password_rules"),
    }),
    h("button", { type: "submit", class: "primary" }, t("invite.submit")),
  );
  root.append(theForm);
}
