/**
 * The legal links every page shares: the privacy notice beside e-mail fields and under forms that collect
 * personal data, the footer's legal links, and the terms link at registration. One place, not copies.
 * main.js tells it which municipality is being viewed (or the first listed one).
 */
import "../messages-legal.js";
import { h, uid } from "../dom.js";
import { t } from "../i18n.js";

/** The legal pages in footer order: public slug and text key. */
export const LEGAL_PAGES = ["impressum", "datenschutz", "barrierefreiheit", "nutzungsbedingungen"];

let legalSlug = null;

/** Which municipality's pages the links lead to. */
export function setLegalSlug(slug) {
  legalSlug = slug || null;
}

export function legalSlugNow() {
  return legalSlug;
}

export function legalHref(kind, slug = legalSlug) {
  return slug ? `#/m/${slug}/legal/${kind}` : null;
}

/** "We use your details only for this purpose … More in the privacy policy." (nothing without a municipality) */
export function privacyNotice() {
  const href = legalHref("datenschutz");
  if (!href) return null;
  return h("p", { class: "privacy-notice" }, t("legal.privacy_notice"), " ", h("a", { href }, t("legal.privacy_link")), ".");
}

/** The footer's list of the four legal pages. */
export function legalLinks() {
  if (!legalSlug) return null;
  return h(
    "nav",
    { class: "legal-links", "aria-label": t("legal.footer_label") },
    h("ul", {}, LEGAL_PAGES.map((kind) => h("li", {}, h("a", { href: legalHref(kind), dataset: { legal: kind } }, t(`legal.${kind}_short`))))),
  );
}

/** The required "I accept the terms of use" checkbox of registration, with the link to the terms (new tab, so
 * the form keeps what was typed). A fieldset, so that server errors land next to it like at any field. */
export function termsCheckbox() {
  const id = uid("f-accept_terms");
  const href = legalHref("nutzungsbedingungen");
  const hintId = href ? `${id}-hint` : null;
  const input = h("input", { type: "checkbox", id, name: "accept_terms", value: "yes", required: true, "aria-describedby": hintId,
    dataset: { missing: "legal.accept_terms_missing" } }); // said before sending when unticked
  return h(
    "fieldset",
    { class: "field terms-field", dataset: { field: "accept_terms" } },
    h("legend", {}, t("legal.nutzungsbedingungen_short")),
    href
      ? h("p", { class: "hint", id: hintId }, t("legal.accept_terms_hint"), " ", h("a", { href, target: "_blank", rel: "noopener" }, t("legal.nutzungsbedingungen"), ` ${t("legal.new_tab")}`), ".")
      : null,
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }),
    h("label", { class: "choice", for: id }, input, h("span", {}, t("legal.accept_terms"), h("span", { class: "required" }, ` (${t("form.required")})`))),
  );
}
