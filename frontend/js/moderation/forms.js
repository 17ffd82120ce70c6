/** Forms of the moderation queue page that talk to the server on their own. */
import { h, uid } from "../dom.js";
import { t } from "../i18n.js";
import { select } from "./parts.js";

/** Warn, mute or block the author of an item; the server mails them the reason. */
export function sanctionForm(item, { api, url, showError }) {
  const reasonId = uid("sanction-reason");
  const untilId = uid("sanction-until");
  const done = h("p", { role: "status" });
  const form = h(
    "form",
    {
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const data = new FormData(form);
        const body = { user_id: item.author_id, kind: data.get("kind"), reason: data.get("reason") || "" };
        if (data.get("until")) body.until = new Date(String(data.get("until"))).toISOString();
        try {
          await api.post(url("sanctions"), body);
          done.textContent = t("mod.sanction_done");
        } catch (error) {
          showError(error);
        }
      },
    },
    select("kind", t("mod.sanction_kind"), [
      ["warn", t("mod.sanction_warn")],
      ["mute", t("mod.sanction_mute")],
      ["block", t("mod.sanction_block")],
    ]),
    h("div", { class: "field" }, h("label", { for: untilId }, t("mod.sanction_until")), h("input", { id: untilId, name: "until", type: "datetime-local" })),
    h("div", { class: "field" }, h("label", { for: reasonId }, t("mod.sanction_reason")), h("textarea", { id: reasonId, name: "reason", rows: 2 })),
    h("button", { type: "submit", class: "secondary" }, t("mod.sanction_submit")),
    done,
  );
  return form;
}

