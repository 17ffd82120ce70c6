/**
 * A "Flag" (Melden) button any view can put under a public contribution:
 *   import { flagButton } from "../components/flag.js";
 *   root.append(flagButton({ slug, contentType: "comment", contentId: 12, ctx }));
 * It opens a small form (reason as radio buttons, text for "other") and thanks the person. Anonymous people
 * get a link to log in instead.
 */
import "../messages-moderation.js";
import { ApiError, municipalityUrl } from "../api.js";
import { h, uid } from "../dom.js";
import { privacyNotice } from "./privacy-notice.js";
import { currentLang, pick, t } from "../i18n.js";

let reasonsCache = null;

async function flagReasons(ctx, slug) {
  reasonsCache ??= ctx.api.get(municipalityUrl(slug, "moderation", "reasons"));
  return (await reasonsCache).flag;
}

export function flagButton({ slug, contentType, contentId, ctx }) {
  const box = h("div", { class: "flag" });
  if (!ctx.session.me) {
    box.append(h("a", { href: `#/login?next=${encodeURIComponent(location.hash.slice(1) || "/")}` }, t("flag.login")));
    return box;
  }
  const panelId = uid("flag-panel");
  const toggle = h("button", { type: "button", class: "secondary", "aria-expanded": "false", "aria-controls": panelId }, t("flag.button"));
  const panel = h("div", { id: panelId, hidden: true });
  const status = h("div", { role: "status" });
  toggle.addEventListener("click", async () => {
    const open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (open && !panel.childElementCount) panel.append(await flagForm());
    if (open) panel.querySelector("input")?.focus();
  });

  async function flagForm() {
    const reasons = await flagReasons(ctx, slug);
    const textId = uid("flag-text");
    const error = h("p", { class: "error-text", role: "alert" });
    const form = h(
      "form",
      {
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          const data = new FormData(form);
          try {
            const result = await ctx.api.post(municipalityUrl(slug, "moderation", "flags"), {
              content_type: contentType,
              content_id: contentId,
              reason: data.get("reason") || "",
              text: data.get("text") || "",
            });
            panel.hidden = true;
            toggle.setAttribute("aria-expanded", "false");
            toggle.disabled = true;
            status.textContent = pick(result);
          } catch (failure) {
            error.textContent = failure instanceof ApiError ? failure.message_for() : String(failure);
          }
        },
      },
      h(
        "fieldset",
        {},
        h("legend", {}, t("flag.legend")),
        reasons.map((reason, index) => {
          const id = uid("flag-reason");
          return h(
            "div",
            {},
            h("input", { type: "radio", id, name: "reason", value: reason.code, checked: index === 0 }),
            " ",
            h("label", { for: id }, currentLang() === "en" ? reason.label_en : reason.label_de),
          );
        }),
      ),
      h("div", { class: "field" }, h("label", { for: textId }, t("flag.text")), h("textarea", { id: textId, name: "text", rows: 2 })),
      error,
      h("button", { type: "submit", class: "primary" }, t("flag.submit")),
      privacyNotice(),
    );
    return form;
  }

  box.append(toggle, panel, status);
  return box;
}
