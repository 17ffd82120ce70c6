/**
 * The address search of the location picker: an ARIA 1.2 combobox (an input with a list of suggestions).
 * Typing asks the municipality's geocoder (its own address register; an outside one only if the municipality
 * configured it); ArrowDown/ArrowUp move through the suggestions, Enter picks, Escape closes; a click picks too.
 * The number of suggestions is announced in a live region.
 *
 *   const search = addressSearch({ slug, onPick: (address) => ... });
 *   element.append(search.element);
 */
import { api, municipalityUrl } from "../api.js";
import { h, uid } from "../dom.js";
import { t } from "../i18n.js";
import "../messages-addresses.js";

const WAIT_MS = 200;

export function addressSearch({ slug, onPick }) {
  const inputId = uid("address-search");
  const listId = uid("address-options");
  const input = h("input", {
    id: inputId,
    type: "text",
    role: "combobox",
    autocomplete: "off",
    spellcheck: "false",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    class: "address-input",
  });
  const list = h("ul", { id: listId, role: "listbox", class: "address-options", "aria-label": t("address.suggestions"), hidden: true });
  const status = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const attribution = h("p", { class: "hint address-attribution" });
  const element = h(
    "div",
    { class: "address-search" },
    h("label", { for: inputId }, t("address.search_label")),
    h("p", { class: "hint", id: `${inputId}-hint` }, t("address.search_hint")),
    input,
    list,
    status,
    attribution,
  );
  input.setAttribute("aria-describedby", `${inputId}-hint`);

  let found = [];
  let active = -1;
  let timer = null;
  let controller = null;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    active = index;
    [...list.children].forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", `${listId}-${index}`);
      list.children[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function pick(index) {
    const address = found[index];
    if (!address) return;
    input.value = address.label;
    close();
    status.textContent = t("address.picked", { label: address.label });
    onPick(address);
  }

  function show(addresses, credit) {
    found = addresses;
    list.replaceChildren(
      ...addresses.map((address, index) =>
        h(
          "li",
          {
            id: `${listId}-${index}`,
            role: "option",
            "aria-selected": "false",
            class: "address-option",
            onmousedown: (event) => event.preventDefault(), // keep the focus in the input
            onclick: () => pick(index),
          },
          address.label,
          address.approximate ? h("span", { class: "hint" }, ` (${t("address.approximate")})`) : null,
        ),
      ),
    );
    const open = addresses.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    active = -1;
    status.textContent = open ? t("address.count", { count: addresses.length }) : t("address.none");
    attribution.textContent = open && credit ? t("address.source", { source: credit }) : "";
  }

  async function ask(query) {
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const answer = await api.get(municipalityUrl(slug, "addresses", { q: query }), { signal: controller.signal });
      if (input.value.trim() === query) show(answer.addresses, answer.attribution);
    } catch (error) {
      if (error.name !== "AbortError") status.textContent = t("address.failed");
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < 2) {
      close();
      found = [];
      return;
    }
    timer = setTimeout(() => ask(query), WAIT_MS);
  });
  input.addEventListener("keydown", (event) => {
    const open = !list.hidden && found.length > 0;
    if (event.key === "ArrowDown" && found.length) {
      event.preventDefault();
      if (!open) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      highlight((active + 1) % found.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active <= 0 ? found.length - 1 : active - 1);
    } else if (event.key === "Enter" && open) {
      event.preventDefault(); // never submits the form while choosing
      pick(active >= 0 ? active : 0);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));

  return {
    element,
    input,
    destroy() {
      clearTimeout(timer);
      if (controller) controller.abort();
    },
  };
}

/** The nearest address to a point, or null (no house near, or the lookup failed). */
export async function nearestAddress(slug, point, signal) {
  try {
    const answer = await api.get(municipalityUrl(slug, "addresses", "reverse", { lat: point.lat, lon: point.lon }), { signal });
    return answer.address;
  } catch {
    return null;
  }
}
