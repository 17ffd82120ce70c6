/** A published legal page of a municipality (Impressum, Datenschutz, Barrierefreiheit, Nutzungsbedingungen);
 * the accessibility statement carries the feedback form that mails the municipality (BITV 2.0 § 7). */
import "../messages-legal.js";
import { ApiError, municipalityUrl } from "../api.js";
import { LEGAL_PAGES } from "../components/privacy-notice.js";
import { h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import { currentLang, formatDate, t } from "../i18n.js";

export async function render(root, params, ctx) {
  const { slug, kind } = params;
  if (!LEGAL_PAGES.includes(kind)) {
    (await import("./not-found.js")).render(root, params, ctx);
    return;
  }
  const town = ctx.municipalities.find((m) => m.slug === slug);
  let page;
  try {
    page = await ctx.api.get(municipalityUrl(slug, "legal", kind));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    root.append(h("h1", {}, t(`legal.${kind}`)), h("p", {}, t("legal.not_published", { name: town ? town.name : slug })));
    if (kind === "barrierefreiheit") root.append(feedbackForm(ctx, slug));
    return;
  }
  const body = h("div", { class: "legal-text", lang: "de" });
  // page.html is Markdown rendered on the server and cleaned by nh3 (headings, paragraphs, lists, links only).
  body.innerHTML = page.html;
  root.append(
    h("h1", {}, currentLang() === "en" ? page.title_en : page.title),
    h("p", { class: "legal-version" }, t("legal.version", { version: page.version, date: formatDate(page.published_at) })),
    body,
  );
  if (kind === "barrierefreiheit") root.append(feedbackForm(ctx, slug));
}

function feedbackForm(ctx, slug) {
  const done = h("div");
  const section = h(
    "section",
    { "aria-labelledby": "feedback-heading", class: "legal-feedback" },
    h("h2", { id: "feedback-heading" }, t("legal.feedback_title")),
    h("p", {}, t("legal.feedback_intro")),
    done,
  );
  section.append(
    form(
      {
        label: t("legal.feedback_title"),
        privacy: true,
        onSubmit: async (data, formEl) => {
          await ctx.api.post(municipalityUrl(slug, "legal", "accessibility-feedback"), {
            message: data.message,
            page: data.page || "",
            name: data.name || "",
            email: data.email ? data.email : null,
            locale: currentLang(),
          });
          formEl.reset();
          done.replaceChildren(notice(t("legal.feedback_sent"), { kind: "success" }));
          done.querySelector("[role=status]").focus?.();
        },
      },
      field({ name: "message", label: t("legal.feedback_message"), type: "textarea", required: true, hint: t("legal.feedback_message_hint") }),
      field({ name: "page", label: t("legal.feedback_page"), attrs: { maxlength: 500 } }),
      field({ name: "name", label: t("legal.feedback_name"), autocomplete: "name", attrs: { maxlength: 100 } }),
      field({ name: "email", label: t("legal.feedback_email"), type: "email", autocomplete: "email" }),
      h("button", { type: "submit", class: "primary" }, t("legal.feedback_submit")),
    ),
  );
  return section;
}
