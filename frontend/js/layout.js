/** The frame around every view: header with navigation, login state and language switch; footer. */
import { append, h, clear } from "./dom.js";
import { t, currentLang, setLang } from "./i18n.js";
import { visibleNavEntries } from "./nav.js";
import { session } from "./session.js";

function isCurrent(href, path) {
  const target = href.replace(/^#/, "");
  return target === path;
}

/** Fill the header nav (links from nav.js plus the login state). */
export function renderHeader(state) {
  const skip = document.getElementById("skip-link");
  skip.textContent = t("skip.main");

  const brand = document.getElementById("brand");
  brand.textContent = state.municipalityName ? `stadtstimme ${state.municipalityName}` : t("app.name");
  brand.setAttribute("href", state.slug ? `#/m/${state.slug}` : "#/");

  const button = document.getElementById("lang-switch");
  const other = currentLang() === "de" ? "en" : "de";
  button.textContent = t("lang.switch");
  button.setAttribute("lang", other);
  button.setAttribute("aria-label", t("lang.switch_label"));

  const nav = document.getElementById("site-nav");
  nav.setAttribute("aria-label", t("nav.label"));
  const links = visibleNavEntries({ session, slug: state.slug }).map(({ id, label, href }) =>
    h("li", {}, h("a", { href, "aria-current": isCurrent(href, state.path) ? "page" : null, dataset: { nav: id } }, t(label))),
  );
  const me = session.me;
  const account = me
    ? [
        h(
          "li",
          { class: "nav-account" },
          h(
            "a",
            { href: "#/account", "aria-current": state.path === "/account" ? "page" : null, dataset: { nav: "account" } },
            t("nav.logged_in_as", { name: me.display_name || me.email }),
          ),
        ),
      ]
    : [
        h("li", { class: "nav-account" }, h("a", { href: "#/login", "aria-current": state.path === "/login" ? "page" : null, dataset: { nav: "login" } }, t("nav.login"))),
        h("li", {}, h("a", { href: "#/register", "aria-current": state.path === "/register" ? "page" : null, dataset: { nav: "register" } }, t("nav.register"))),
      ];
  append(clear(nav), h("ul", {}, links, account));
}

/** Wire the language switch once; `onSwitch` re-renders the page. */
export function wireLanguageSwitch() {
  document.getElementById("lang-switch").addEventListener("click", () => {
    setLang(currentLang() === "de" ? "en" : "de");
  });
}

/** The footer: about, privacy, data attributions (boundaries always, tiles when shown). */
export function renderFooter(config) {
  const footer = document.getElementById("site-footer");
  const licenceUrl = (config && config.boundary_licence_url) || "https://www.govdata.de/dl-de/by-2-0";
  append(clear(footer), [
    h("p", {}, t("footer.about")),
    h("p", {}, t("footer.privacy")),
    h(
      "p",
      { class: "attribution" },
      t("footer.boundaries"),
      " (",
      h("a", { href: licenceUrl, rel: "license" }, "dl-de/by-2-0"),
      ", ",
      t("footer.licence"),
      ")",
    ),
    config && config.tile_url ? h("p", {}, t("footer.tiles", { attribution: config.tile_attribution })) : null,
  ]);
}
