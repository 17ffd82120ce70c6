/** The frame around every view: header with navigation, login state and language switch; footer. */
import { legalLinks } from "./components/privacy-notice.js";
import { append, h, clear } from "./dom.js";
import { t, currentLang, setLang } from "./i18n.js";
import { visibleNavEntries } from "./nav.js";
import { session } from "./session.js";

function isCurrent(href, path, state) {
  const target = href.replace(/^#/, "");
  // With one municipality, "#/" shows its page: the start entry is current there too.
  return target === path || (path === "/" && state.slug && target === `/m/${state.slug}`);
}

/** Fill the header nav (links from nav.js plus the login state). */
export function renderHeader(state) {
  const skip = document.getElementById("skip-link");
  skip.textContent = t("skip.main");

  const brand = document.getElementById("brand");
  const profile = state.municipality || {};
  brand.replaceChildren(
    profile.logo_url ? h("img", { class: "brand-logo", src: profile.logo_url, alt: t("header.logo_alt", { name: state.municipalityName }) }) : "",
    state.municipalityName ? `stadtstimme ${state.municipalityName}` : t("app.name"),
  );
  brand.setAttribute("href", state.slug ? `#/m/${state.slug}` : "#/");
  applyBrandColour(profile.brand_color);

  const button = document.getElementById("lang-switch");
  const other = currentLang() === "de" ? "en" : "de";
  button.textContent = t("lang.switch");
  button.setAttribute("lang", other);
  button.setAttribute("aria-label", t("lang.switch_label"));

  const nav = document.getElementById("site-nav");
  nav.setAttribute("aria-label", t("nav.label"));
  const links = visibleNavEntries({ session, slug: state.slug }).map(({ id, label, href }) =>
    h("li", {}, h("a", { href, "aria-current": isCurrent(href, state.path, state) ? "page" : null, dataset: { nav: id } }, t(label))),
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

/** The municipality's colour for header and buttons (checked for 4.5:1 against white when it was saved). CSSOM,
 * not a style attribute: the Content-Security-Policy allows the one and forbids the other. */
function applyBrandColour(colour) {
  const root = document.documentElement.style;
  if (/^#[0-9a-f]{6}$/i.test(colour || "")) root.setProperty("--brand", colour);
  else root.removeProperty("--brand");
}

/** Wire the language switch once; `onSwitch` re-renders the page. */
export function wireLanguageSwitch() {
  document.getElementById("lang-switch").addEventListener("click", () => {
    setLang(currentLang() === "de" ? "en" : "de");
  });
}

/** The footer: the legal pages, who offers it, about, privacy, data attributions (boundaries always, tiles when shown), licences. */
export function renderFooter(config, state = {}) {
  const footer = document.getElementById("site-footer");
  const licenceUrl = (config && config.boundary_licence_url) || "https://www.govdata.de/dl-de/by-2-0";
  append(clear(footer), [
    legalLinks(), // Impressum, Datenschutz, Barrierefreiheit, Nutzungsbedingungen of the municipality viewed
    state.slug
      ? h(
          "p",
          {},
          t("footer.operator", { name: state.municipalityName }),
          " ",
          h("a", { href: `#/m/${state.slug}` }, t("footer.contact_link", { name: state.municipalityName })),
        )
      : null,
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
    config && config.tile_url && state.municipality?.tiles_enabled !== false
      ? h("p", {}, t("footer.tiles", { attribution: config.tile_attribution }))
      : null,
    h("p", {}, t("footer.software"), " ", h("a", { href: "/vendor/leaflet/LICENSE.txt" }, "Leaflet (BSD-2-Clause)")),
  ]);
}
