/** Back office: Open311 API keys – issue (shown once, with a copy button), list, trust, revoke. */
import { municipalityUrl } from "../../api.js";
import { h } from "../../dom.js";
import { field, form, notice } from "../../forms.js";
import { formatDateTime, formatNumber, t } from "../../i18n.js";
import { confirmButton } from "./confirm.js";
import { adminFrame } from "./frame.js";

export async function render(root, params, ctx) {
  const content = adminFrame(root, ctx, "open311");
  if (!content) return;
  const url = (...parts) => municipalityUrl(params.slug, "open311-keys", ...parts);

  const issued = h("div", {});
  const issueForm = form(
    {
      label: t("keys.issue_title"),
      onSubmit: async (data, el) => {
        const key = await ctx.api.post(url(), { label: data.label, trusted: data.trusted === "on" });
        el.reset();
        await load();
        showIssued(key);
      },
    },
    field({ name: "label", label: t("keys.label"), required: true, autocomplete: "off" }),
    h("div", { class: "field checkbox", dataset: { field: "trusted" } },
      h("p", { class: "field-error", hidden: true }),
      h("label", { class: "checkbox-label" }, h("input", { type: "checkbox", name: "trusted" }), " ", t("keys.trusted"))),
    h("button", { type: "submit", class: "primary" }, t("keys.issue_submit")),
  );

  function showIssued(key) {
    const copied = h("p", { role: "status" });
    const input = h("input", { id: "issued-key", type: "text", readonly: true, value: key.api_key, class: "secret-key", spellcheck: "false" });
    const copy = h("button", { type: "button", class: "secondary", onclick: async () => {
      try {
        await navigator.clipboard.writeText(key.api_key);
        copied.textContent = t("keys.copied");
      } catch {
        input.select();
        copied.textContent = t("keys.copy_failed");
      }
    } }, t("keys.copy"));
    const box = h("div", { class: "issued-key notice notice-warning", tabindex: "-1" },
      h("h3", {}, t("keys.issued_title", { label: key.label })),
      h("p", {}, h("strong", {}, t("keys.issued_warning"))),
      h("label", { for: "issued-key" }, t("keys.key")),
      input,
      h("p", {}, copy),
      copied);
    issued.replaceChildren(box);
    box.focus();
  }

  const said = h("div", { role: "status", class: "action-status" });
  const heading = h("h2", { id: "keys-heading", tabindex: "-1" }, t("keys.list_title"));
  const list = h("ul", { class: "key-list", "aria-labelledby": "keys-heading" });
  const done = async (message) => {
    await load(); // first the new state, then the message about it
    said.replaceChildren(notice(message, { kind: "success" }));
    heading.focus();
  };

  function keyCard(key) {
    const facts = [
      [t("keys.state"), key.revoked_at ? t("keys.revoked_on", { date: formatDateTime(key.revoked_at) }) : t("keys.active")],
      [t("keys.created"), formatDateTime(key.created_at)],
      [t("keys.last_used"), key.last_used_at ? formatDateTime(key.last_used_at) : t("keys.never_used")],
      [t("keys.last_hour"), formatNumber(key.requests_last_hour)],
    ];
    return h("li", { class: "key-card", dataset: { label: key.label } },
      h("h3", {}, key.label, key.trusted ? h("span", { class: "badge" }, ` (${t("keys.is_trusted")})`) : null),
      h("dl", { class: "facts" }, facts.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])),
      key.revoked_at
        ? null
        : h("div", { class: "key-actions" },
            h("button", { type: "button", class: "secondary", onclick: async () => {
              await ctx.api.patch(url(key.id), { trusted: !key.trusted });
              await done(t("keys.changed"));
            } }, key.trusted ? t("keys.distrust", { label: key.label }) : t("keys.trust", { label: key.label })),
            confirmButton({
              label: t("keys.revoke", { label: key.label }),
              question: t("keys.revoke_question", { label: key.label }),
              yes: t("keys.revoke_yes"),
              onConfirm: async () => {
                await ctx.api.delete(url(key.id));
                await done(t("keys.revoked", { label: key.label }));
              },
            })));
  }

  const empty = h("p", { hidden: true }, t("keys.none"));
  async function load() {
    const keys = await ctx.api.get(url(), { signal: ctx.signal });
    // Valid keys first, newest first within each group.
    keys.sort((a, b) => Number(Boolean(a.revoked_at)) - Number(Boolean(b.revoked_at)) || b.id - a.id);
    list.replaceChildren(...keys.map(keyCard));
    empty.hidden = keys.length > 0;
  }

  content.append(
    h("section", { "aria-labelledby": "issue-heading" },
      h("h2", { id: "issue-heading" }, t("keys.issue_title")), issued, issueForm),
    h("section", { "aria-labelledby": "keys-heading" }, heading, said, list, empty),
  );
  await load();
}
