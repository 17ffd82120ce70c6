/** Back office: the municipality's outbox (did a mail go out?) and the reply templates staff insert. */
import { municipalityUrl } from "../../api.js";
import { h } from "../../dom.js";
import { field, form, notice } from "../../forms.js";
import { formatDateTime, t } from "../../i18n.js";
import { confirmButton } from "./confirm.js";
import { adminFrame } from "./frame.js";

/** The delivery state as a sentence, with the reason of a failure. */
function delivery(mail) {
  if (mail.state === "sent") return [t("mail.state_sent", { date: formatDateTime(mail.sent_at) })];
  if (mail.state === "queued") return [t("mail.state_queued")];
  const reason = mail.last_error ? t("mail.reason", { reason: mail.last_error }) : null;
  if (mail.state === "retrying") {
    const when = mail.next_attempt_at ? formatDateTime(mail.next_attempt_at) : "";
    return [t("mail.state_retrying", { date: when }), reason];
  }
  return [t("mail.state_failed"), reason];
}

export async function render(root, params, ctx) {
  const content = adminFrame(root, ctx, "mail");
  if (!content) return;
  const url = (...parts) => municipalityUrl(params.slug, ...parts);

  // --- outbox ---
  let recipient = "";
  let cursor = null;
  const mails = h("ul", { class: "mail-list", "aria-labelledby": "outbox-heading" });
  const noMails = h("p", { hidden: true }, t("mail.none"));
  const more = h("button", { type: "button", class: "secondary", hidden: true, onclick: async () => {
    const items = await page(cursor);
    items[0]?.focus();
  } }, t("mail.more"));
  const mailCard = (mail) =>
    h("li", { class: "mail-card", tabindex: "-1", dataset: { state: mail.state } },
      h("dl", { class: "facts" },
        h("dt", {}, t("mail.to")), h("dd", {}, mail.to_address),
        h("dt", {}, t("mail.subject")), h("dd", {}, mail.subject),
        h("dt", {}, t("mail.created")), h("dd", {}, formatDateTime(mail.created_at)),
        h("dt", {}, t("mail.state")),
        h("dd", {}, delivery(mail).filter(Boolean).map((line) => h("span", { class: "line" }, line)))));
  const page = async (from) => {
    const answer = await ctx.api.get(url("mails"), { query: { recipient, cursor: from }, signal: ctx.signal });
    cursor = answer.next_cursor;
    more.hidden = !cursor;
    const items = answer.items.map(mailCard);
    mails.append(...items);
    noMails.hidden = mails.children.length > 0;
    return items;
  };
  const searchForm = form(
    {
      label: t("mail.search_submit"),
      onSubmit: async (data) => {
        recipient = data.recipient || "";
        mails.replaceChildren();
        await page(null);
      },
    },
    h("div", { class: "search-row" },
      field({ name: "recipient", label: t("mail.recipient"), type: "search", autocomplete: "off" }),
      h("button", { type: "submit", class: "secondary" }, t("mail.search_submit"))),
  );
  searchForm.setAttribute("role", "search");

  // --- reply templates ---
  const said = h("div", { role: "status", class: "action-status" });
  const templatesHeading = h("h2", { id: "templates-heading", tabindex: "-1" }, t("mail.templates_title"));
  const templates = h("ul", { class: "template-list", "aria-labelledby": "templates-heading" });
  const noTemplates = h("p", { hidden: true }, t("mail.templates_none"));
  const done = async (message) => {
    await loadTemplates(); // first the new state, then the message about it
    said.replaceChildren(notice(message, { kind: "success" }));
    templatesHeading.focus();
  };
  const templateForm = (template, onSaved) =>
    form(
      {
        label: template ? t("mail.template_edit", { name: template.name }) : t("mail.template_add"),
        onSubmit: async (data, el) => {
          const body = { name: data.name, text: data.text };
          const saved = template
            ? await ctx.api.put(url("reply-templates", template.id), body)
            : await ctx.api.post(url("reply-templates"), body);
          if (!template) el.reset();
          await onSaved(saved);
        },
      },
      field({ name: "name", label: t("mail.template_name"), required: true, value: template?.name, autocomplete: "off" }),
      field({ name: "text", label: t("mail.template_text"), type: "textarea", required: true, value: template?.text }),
      h("button", { type: "submit", class: "primary" }, template ? t("mail.template_save") : t("mail.template_add")),
    );
  const templateCard = (template) => {
    const card = h("li", { class: "template-card" });
    const show = () => {
      card.replaceChildren(
        h("h3", {}, template.name),
        h("p", { class: "template-text" }, template.text),
        h("div", { class: "key-actions" },
          h("button", { type: "button", class: "secondary", onclick: () => {
            const editor = templateForm(template, async (saved) => done(t("mail.template_saved", { name: saved.name })));
            card.replaceChildren(h("h3", {}, template.name), editor);
            editor.querySelector("input")?.focus();
          } }, t("mail.template_edit", { name: template.name })),
          confirmButton({
            label: t("mail.template_delete", { name: template.name }),
            question: t("mail.template_delete_question", { name: template.name }),
            yes: t("mail.template_delete_yes"),
            onConfirm: async () => {
              await ctx.api.delete(url("reply-templates", template.id));
              await done(t("mail.template_deleted", { name: template.name }));
            },
          })));
    };
    show();
    return card;
  };
  async function loadTemplates() {
    const rows = await ctx.api.get(url("reply-templates"), { signal: ctx.signal });
    templates.replaceChildren(...rows.map(templateCard));
    noTemplates.hidden = rows.length > 0;
  }

  content.append(
    h("section", { "aria-labelledby": "outbox-heading" },
      h("h2", { id: "outbox-heading" }, t("mail.outbox_title")), searchForm, mails, noMails, more),
    h("section", { "aria-labelledby": "templates-heading" },
      templatesHeading,
      h("p", {}, t("mail.templates_intro")),
      said, templates, noTemplates,
      h("h3", {}, t("mail.template_add")),
      templateForm(null, async (saved) => done(t("mail.template_saved", { name: saved.name })))),
  );
  await Promise.all([page(null), loadTemplates()]);
}
