/** Back office: the four legal pages (edit Markdown from a filled template, save a draft, publish a version)
 * and the details the templates fill in. Only the municipality's admins; the server checks every call. */
import "../../messages-legal.js";
import { municipalityUrl } from "../../api.js";
import { LEGAL_PAGES, legalHref } from "../../components/privacy-notice.js";
import { h } from "../../dom.js";
import { field, form, notice, showErrors } from "../../forms.js";
import { formatDate, t } from "../../i18n.js";
import { adminFrame } from "./frame.js";

export async function render(root, params, ctx) {
  const content = adminFrame(root, ctx, "legal");
  if (!content) return;
  const url = (...parts) => municipalityUrl(ctx.slug, "legal", ...parts);
  const overview = await ctx.api.get(url("admin"));
  const listed = h("div", {}, listing(overview.listed));
  content.append(listed, detailsForm(ctx, url, overview.details));
  for (const kind of LEGAL_PAGES) {
    const page = overview.pages.find((p) => p.kind === kind);
    content.append(pageEditor(ctx, url, page, async () => {
      listed.replaceChildren(listing((await ctx.api.get(url("admin"))).listed));
    }));
  }
}

function listing(isListed) {
  return notice(t(isListed ? "admin.legal.listed" : "admin.legal.not_listed"), { kind: isListed ? "success" : "info" });
}

function detailsForm(ctx, url, details) {
  const status = h("div");
  return h(
    "section",
    { "aria-labelledby": "legal-details-heading", class: "legal-edit" },
    h("h2", { id: "legal-details-heading" }, t("admin.legal.details")),
    h("p", {}, t("admin.legal.details_intro")),
    status,
    form(
      {
        label: t("admin.legal.details"),
        onSubmit: async (data) => {
          await ctx.api.put(url("details"), {
            representative: data.representative,
            vat_id: data.vat_id,
            supervisory_authority: data.supervisory_authority,
            dpo_contact: data.dpo_contact,
          });
          status.replaceChildren(notice(t("admin.legal.details_saved"), { kind: "success" }));
        },
      },
      field({ name: "representative", label: t("admin.legal.representative"), hint: t("admin.legal.representative_hint"), value: details.representative, attrs: { maxlength: 200 } }),
      field({ name: "vat_id", label: t("admin.legal.vat_id"), hint: t("admin.legal.vat_id_hint"), value: details.vat_id, attrs: { maxlength: 20 } }),
      field({ name: "supervisory_authority", label: t("admin.legal.supervisory_authority"), type: "textarea", value: details.supervisory_authority, attrs: { maxlength: 500, rows: 2 } }),
      field({ name: "dpo_contact", label: t("admin.legal.dpo_contact"), type: "textarea", value: details.dpo_contact, attrs: { maxlength: 500, rows: 2 } }),
      h("button", { type: "submit", class: "secondary" }, t("admin.legal.save_details")),
    ),
  );
}

function stateText(page) {
  const parts = [];
  if (page.published_version) parts.push(t("admin.legal.state_published", { version: page.published_version, date: formatDate(page.published_at) }));
  if (page.draft) parts.push(t("admin.legal.state_draft", { version: page.version }));
  return parts.length ? parts.join(" ") : t("admin.legal.state_none");
}

function pageEditor(ctx, url, initial, onPublished) {
  const { kind } = initial;
  const headingId = `legal-${kind}-heading`;
  const state = h("p", { class: "legal-state", dataset: { state: kind } }, stateText(initial));
  const status = h("div");
  const text = field({ name: "body", label: t("admin.legal.text"), type: "textarea", hint: t("admin.legal.text_hint"), value: initial.body, attrs: { rows: 12 } });
  const show = (page, message) => {
    state.textContent = stateText(page);
    status.replaceChildren(notice(message, { kind: "success" }));
  };
  const insert = (lang) =>
    h("button", {
      type: "button",
      class: "secondary",
      lang,
      onclick: async () => {
        if (text.input.value.trim() && !window.confirm(t("admin.legal.template_confirm"))) return;
        const template = await ctx.api.get(url(kind, "template"), { query: { lang } });
        text.input.value = template.body;
        status.replaceChildren(notice(t("admin.legal.template_inserted")));
        text.input.focus();
      },
    }, t(`admin.legal.template_${lang}`));
  const publishButton = h("button", {
    type: "button",
    class: "primary",
    onclick: async (event) => {
      const formEl = event.target.closest("form");
      try {
        await ctx.api.put(url(kind, "draft"), { body: text.input.value });
        show(await ctx.api.post(url(kind, "publish")), t("admin.legal.published"));
        await onPublished();
      } catch (error) {
        showErrors(formEl, error);
      }
    },
  }, t("admin.legal.publish"));
  return h(
    "section",
    { "aria-labelledby": headingId, class: "legal-edit", dataset: { kind } },
    h("h2", { id: headingId }, t(`legal.${kind}`)),
    state,
    kind === "nutzungsbedingungen" ? h("p", { class: "hint" }, t("admin.legal.terms_note")) : null,
    h("p", {}, h("a", { href: legalHref(kind, ctx.slug) }, t("admin.legal.view"), h("span", { class: "visually-hidden" }, `: ${t(`legal.${kind}`)}`))),
    status,
    form(
      {
        label: t(`legal.${kind}`),
        onSubmit: async (data) => {
          show(await ctx.api.put(url(kind, "draft"), { body: data.body }), t("admin.legal.saved"));
        },
      },
      h("div", { class: "button-row" }, insert("de"), insert("en")),
      text,
      h("div", { class: "button-row" }, h("button", { type: "submit", class: "secondary" }, t("admin.legal.save")), publishButton),
    ),
  );
}
