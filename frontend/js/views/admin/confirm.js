/**
 * A second step before something that cannot be undone, drawn in place of the button (never window.confirm):
 * the question, "Yes, …" and "Cancel". Focus moves to the question's "Yes" button and back to the trigger on
 * cancel, so a keyboard user never loses their place.
 */
import { h } from "../../dom.js";
import { t } from "../../i18n.js";

/**
 * A button `label` that asks `question` first; `onConfirm()` runs on "Yes" (its errors are shown in the
 * box). Returns the element to insert.
 */
export function confirmButton({ label, question, yes, onConfirm, className = "secondary" }) {
  const wrapper = h("div", { class: "confirm-step" });
  const trigger = h("button", { type: "button", class: className }, label);
  const error = h("p", { class: "field-error", role: "alert", hidden: true });
  const ask = () => {
    const yesButton = h("button", { type: "button", class: "primary danger" }, yes);
    const cancel = h("button", { type: "button", class: "secondary" }, t("backoffice.cancel"));
    const box = h("div", { class: "confirm-box", role: "group", "aria-label": label },
      h("p", {}, question), error, h("div", { class: "confirm-actions" }, yesButton, cancel));
    cancel.addEventListener("click", () => {
      box.replaceWith(trigger);
      trigger.focus();
    });
    yesButton.addEventListener("click", async () => {
      if (yesButton.getAttribute("aria-disabled")) return;
      yesButton.setAttribute("aria-disabled", "true");
      error.hidden = true;
      try {
        await onConfirm();
      } catch (problem) {
        error.textContent = typeof problem.message_for === "function" ? problem.message_for() : String(problem.message || problem);
        error.hidden = false;
      } finally {
        yesButton.removeAttribute("aria-disabled");
      }
    });
    trigger.replaceWith(box);
    yesButton.focus();
  };
  trigger.addEventListener("click", ask);
  wrapper.append(trigger);
  return wrapper;
}
