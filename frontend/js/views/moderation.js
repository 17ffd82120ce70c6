/**
 * The moderation queue: filters with counts, the waiting items oldest first, decisions by button or key.
 * Shortcuts (a, r, e, h, n/j, k) act on the current item and work only while focus is inside the list,
 * never in a text field, and can be switched off (WCAG 2.1.4).
 */
import "../messages-moderation.js";
import { ApiError } from "../api.js";
import { h, clear, uid } from "../dom.js";
import { currentLang, formatDate, t } from "../i18n.js";

const AGES = [1, 24, 72, 168];

function typeLabel(type) {
  const key = `mod.type.${type}`;
  const text = t(key);
  return text === key ? type : text;
}

function label(reason) {
  return currentLang() === "en" ? reason.label_en : reason.label_de;
}

function select(name, text, options, value) {
  const id = uid(name);
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, text),
    h(
      "select",
      { id, name },
      options.map(([optionValue, optionText]) =>
        h("option", { value: optionValue, selected: String(optionValue) === String(value ?? "") }, optionText),
      ),
    ),
  );
}

export async function render(root, params, ctx) {
  const slug = params.slug;
  const base = `/api/v1/municipalities/${encodeURIComponent(slug)}/moderation`;
  root.append(h("h1", {}, t("mod.title")));
  if (!ctx.session.hasRole(slug, "moderator")) {
    root.append(h("p", {}, t("mod.no_access")));
    return;
  }
  const query = params.query || new URLSearchParams();
  const filters = {
    type: query.get("type") || "",
    reason: query.get("reason") || "",
    context: query.get("context") || "",
    min_age_hours: query.get("min_age_hours") || "",
  };
  const [catalogue, counts, first] = await Promise.all([
    ctx.api.get(`${base}/reasons`, { signal: ctx.signal }),
    ctx.api.get(`${base}/queue/counts`, { query: filters, signal: ctx.signal }),
    ctx.api.get(`${base}/queue`, { query: { ...filters, limit: 25 }, signal: ctx.signal }),
  ]);
  const reasonLabels = new Map(catalogue.queue.map((r) => [r.code, label(r)]));
  const status = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite", id: "mod-status" });
  const errorBox = h("div", { role: "alert", class: "error-text", id: "mod-error" });
  const state = { items: [...first.items], next: first.next, current: 0, shortcuts: true, me: ctx.session.me?.id };

  root.append(
    h("p", { class: "lead" }, t("mod.lead")),
    shortcutHelp(state),
    filterForm(filters, counts, catalogue, reasonLabels, ctx, slug),
    h("p", { id: "mod-count" }, t("mod.count", { matching: counts.matching, total: counts.total })),
    status,
    errorBox,
  );
  const list = h("ol", { class: "mod-queue", id: "mod-queue", "aria-label": t("mod.title") });
  const more = h("button", { type: "button", class: "secondary", hidden: !state.next }, t("mod.more"));
  const empty = h("p", { id: "mod-empty", hidden: state.items.length > 0 }, t("mod.empty"));
  root.append(list, empty, more);

  const announce = (text) => {
    status.textContent = "";
    setTimeout(() => (status.textContent = text), 50);
  };
  const showError = (error) => {
    errorBox.textContent = error instanceof ApiError ? error.message_for() : String(error);
  };

  const itemLabel = (item) => t("mod.item_heading", { type: typeLabel(item.content_type), id: item.content_id });

  function draw(focusIndex = null) {
    clear(list);
    state.items.forEach((item, index) => list.append(h("li", {}, renderItem(item, index))));
    empty.hidden = state.items.length > 0;
    more.hidden = !state.next;
    if (focusIndex !== null && state.items.length) select_(Math.min(focusIndex, state.items.length - 1));
  }

  function articleAt(index) {
    return list.querySelector(`article[data-index="${index}"]`);
  }

  async function claim(item) {
    if (item.claimed_by === state.me) return;
    try {
      const claimed = await ctx.api.post(`${base}/items/${item.id}/claim`);
      Object.assign(item, claimed);
      const note = articleAt(state.items.indexOf(item))?.querySelector(".mod-claim");
      if (note) note.textContent = t("mod.claimed_by_you");
    } catch (error) {
      showError(error);
    }
  }

  function select_(index, { focus = true } = {}) {
    if (!state.items.length) return;
    state.current = Math.max(0, Math.min(index, state.items.length - 1));
    list.querySelectorAll("article").forEach((a) => {
      a.removeAttribute("aria-current");
      a.setAttribute("tabindex", "-1");
    });
    const article = articleAt(state.current);
    article.setAttribute("aria-current", "true");
    article.setAttribute("tabindex", "0"); // one tab stop for the list: the current item
    if (focus) article.focus();
    claim(state.items[state.current]);
  }

  async function decide(item, body) {
    errorBox.textContent = "";
    try {
      const updated = await ctx.api.post(`${base}/items/${item.id}/decision`, body);
      const index = state.items.indexOf(item);
      if (body.action === "redact") {
        Object.assign(item, updated);
        draw(index);
      } else {
        state.items.splice(index, 1);
        draw(index);
        if (!state.items.length) empty.focus?.();
      }
      announce(t(`mod.done_${body.action}`, { label: itemLabel(item) }));
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  }

  function rejectPanel(item, article) {
    const reasonField = select(
      "reason",
      t("mod.reject_reason"),
      catalogue.reject.map((r) => [r.code, label(r)]),
      item.reasons.some((r) => r.code === "phone" || r.code === "email") ? "personal_data" : "",
    );
    const textId = uid("reject-text");
    const form = h(
      "form",
      {
        class: "mod-panel",
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          const data = new FormData(form);
          await decide(item, { action: "reject", reason: data.get("reason"), text: data.get("text") || "" });
        },
      },
      reasonField,
      h("div", { class: "field" }, h("label", { for: textId }, t("mod.reject_text")), h("textarea", { id: textId, name: "text", rows: 2 })),
      h("button", { type: "submit", class: "primary" }, t("mod.reject_submit")),
      " ",
      h("button", { type: "button", class: "secondary", onclick: () => { form.remove(); article.focus(); } }, t("mod.cancel")),
    );
    return form;
  }

  function editPanel(item, article) {
    const id = uid("redact");
    const hint = uid("redact-hint");
    const form = h(
      "form",
      {
        class: "mod-panel",
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          const text = new FormData(form).get("redacted_text");
          await decide(item, { action: "redact", redacted_text: text });
        },
      },
      h(
        "div",
        { class: "field" },
        h("label", { for: id }, t("mod.edit_label")),
        h("p", { class: "hint", id: hint }, t("mod.edit_hint")),
        h("textarea", { id, name: "redacted_text", rows: 4, "aria-describedby": hint }, item.text),
      ),
      h("button", { type: "submit", class: "primary" }, t("mod.edit_submit")),
      " ",
      h("button", { type: "button", class: "secondary", onclick: () => { form.remove(); article.focus(); } }, t("mod.cancel")),
    );
    return form;
  }

  function openPanel(item, article, kind) {
    article.querySelectorAll(".mod-panel").forEach((p) => p.remove());
    const panel = kind === "reject" ? rejectPanel(item, article) : editPanel(item, article);
    article.append(panel);
    panel.querySelector("select, textarea").focus();
  }

  async function showHistory(item, details) {
    if (details.dataset.loaded) return;
    details.dataset.loaded = "true";
    const detail = await ctx.api.get(`${base}/items/${item.id}`);
    details.append(
      h(
        "ol",
        {},
        detail.history.map((entry) =>
          h("li", {}, `${formatDate(entry.created_at, { dateStyle: "short", timeStyle: "short" })}: ${entry.action}`,
            entry.actor ? ` (${entry.actor})` : ""),
        ),
      ),
    );
  }

  function renderItem(item, index) {
    const headingId = `mod-item-${item.id}`;
    const article = h("article", {
      class: "mod-item",
      tabindex: "-1",
      "data-index": index,
      "data-item-id": item.id,
      "aria-labelledby": headingId,
      onfocus: (event) => {
        if (event.target === article && state.current !== index) select_(index, { focus: false });
      },
    });
    const claimText =
      item.claimed_by && item.claimed_by !== state.me
        ? t("mod.claimed_by", { name: item.claimed_by_name || "?" })
        : item.claimed_by === state.me
          ? t("mod.claimed_by_you")
          : "";
    const details = h("details", { ontoggle: () => details.open && showHistory(item, details) }, h("summary", {}, t("mod.history")));
    const action = (key, body) =>
      h("button", { type: "button", class: key === "approve" ? "primary" : "secondary", onclick: () => decide(item, body) }, t(`mod.${key}`));
    article.append(
      h("h2", { id: headingId }, itemLabel(item)),
      h("p", { class: "mod-claim" }, claimText),
      h("p", { class: "mod-text" }, item.text),
      item.preview_url ? h("p", {}, h("img", { src: item.preview_url, alt: itemLabel(item), class: "mod-preview" })) : null,
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, t("mod.reasons")),
        h("dd", {}, item.reasons.map((r) => label(r)).join(", ")),
        h("dt", {}, t("mod.state")),
        h("dd", {}, t(`mod.state.${item.state}`)),
        h("dt", {}, t("mod.author")),
        h("dd", {}, item.author_name || t("mod.anonymous")),
        h("dt", {}, t("mod.waiting_since")),
        h("dd", {}, formatDate(item.queued_at, { dateStyle: "medium", timeStyle: "short" })),
        item.flag_count ? [h("dt", {}, t("mod.flags")), h("dd", {}, String(item.flag_count))] : null,
      ),
      item.link ? h("p", {}, h("a", { href: item.link }, t("mod.open"))) : null,
      h(
        "div",
        { class: "mod-actions" },
        item.state === "hidden" || item.state === "rejected" ? action("restore", { action: "restore" }) : action("approve", { action: "approve" }),
        " ",
        h("button", { type: "button", class: "secondary", onclick: () => openPanel(item, article, "reject") }, t("mod.reject")),
        " ",
        item.state === "public" ? [action("hide", { action: "hide" }), " "] : null,
        h("button", { type: "button", class: "secondary", onclick: () => openPanel(item, article, "edit") }, t("mod.edit")),
      ),
      details,
    );
    return article;
  }

  list.addEventListener("keydown", (event) => {
    if (!state.shortcuts || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    const item = state.items[state.current];
    const article = articleAt(state.current);
    if (!item) return;
    const key = event.key.toLowerCase();
    const handled = {
      a: () => decide(item, { action: item.state === "hidden" || item.state === "rejected" ? "restore" : "approve" }),
      r: () => openPanel(item, article, "reject"),
      e: () => openPanel(item, article, "edit"),
      h: () => item.state === "public" && decide(item, { action: "hide" }),
      n: () => select_(state.current + 1),
      j: () => select_(state.current + 1),
      k: () => select_(state.current - 1),
    }[key];
    if (handled) {
      event.preventDefault();
      handled();
    }
  });

  more.addEventListener("click", async () => {
    const page = await ctx.api.get(`${base}/queue`, { query: { ...filters, limit: 25, after: state.next } });
    const start = state.items.length;
    state.items.push(...page.items);
    state.next = page.next;
    draw(start);
  });

  draw();
  if (state.items.length) select_(0, { focus: false });
}

function shortcutHelp(state) {
  const id = uid("shortcuts");
  const keys = [
    ["a", "mod.key_a"],
    ["r", "mod.key_r"],
    ["e", "mod.key_e"],
    ["h", "mod.key_h"],
    ["n / j", "mod.key_n"],
    ["k", "mod.key_k"],
  ];
  return h(
    "section",
    { class: "mod-shortcuts", "aria-labelledby": id },
    h("h2", { id }, t("mod.shortcuts_title")),
    h("p", {}, t("mod.shortcuts_intro")),
    h("dl", { class: "facts" }, keys.map(([key, text]) => [h("dt", {}, h("kbd", {}, key)), h("dd", {}, t(text))])),
    h(
      "div",
      { class: "field" },
      h(
        "label",
        {},
        h("input", { type: "checkbox", checked: true, onchange: (event) => (state.shortcuts = event.target.checked) }),
        " ",
        t("mod.shortcuts_on"),
      ),
    ),
  );
}

function filterForm(filters, counts, catalogue, reasonLabels, ctx, slug) {
  const withCount = (entries) => entries.map(([value, text, count]) => [value, `${text} (${count})`]);
  const types = withCount(Object.entries(counts.by_type).map(([type, n]) => [type, typeLabel(type), n]));
  const reasons = withCount(Object.entries(counts.by_reason).map(([code, n]) => [code, reasonLabels.get(code) || code, n]));
  const contexts = withCount(
    Object.entries(counts.by_context)
      .filter(([context]) => context !== "none")
      .map(([context, n]) => [context, `#${context}`, n]),
  );
  const ages = AGES.map((hours) => [String(hours), t("mod.age_hours", { hours })]);
  const form = h(
    "form",
    {
      class: "mod-filters",
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        const query = new URLSearchParams();
        for (const [key, value] of new FormData(form)) if (value) query.set(key, String(value));
        const text = query.toString();
        ctx.navigate(`/m/${slug}/moderation${text ? `?${text}` : ""}`);
      },
    },
    h("fieldset", {}, h("legend", {}, t("mod.filters")),
      select("type", t("mod.filter_type"), [["", t("mod.any")], ...types], filters.type),
      select("reason", t("mod.filter_reason"), [["", t("mod.any")], ...reasons], filters.reason),
      select("context", t("mod.filter_context"), [["", t("mod.any")], ...contexts], filters.context),
      select("min_age_hours", t("mod.filter_age"), [["", t("mod.age_any")], ...ages], filters.min_age_hours),
      h("button", { type: "submit", class: "secondary" }, t("mod.apply")),
    ),
  );
  return form;
}
