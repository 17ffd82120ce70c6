/**
 * The moderation queue: filters with counts, the waiting items oldest first, decisions by button or key.
 * Shortcuts (a, r, e, h, x, n/j, k) act on the current item and work only while focus is inside the list,
 * never in a text field, and can be switched off (WCAG 2.1.4).
 * The list is compact: one row per item (type, excerpt, age, state, flags); only the current item shows its
 * full text, facts and decision buttons. After every decision the counts are fetched again, and focus stays in
 * the list: on the next item, or on the "nothing left" message when the filter is done.
 */
import "../messages-moderation.js";
import { ApiError, municipalityUrl } from "../api.js";
import { append, clear, h, uid } from "../dom.js";
import { formatDate, formatNumber, t } from "../i18n.js";
import { sanctionForm } from "../moderation/forms.js";
import { filterForm, label, regionFields, select, shortcutHelp, typeLabel } from "../moderation/parts.js";

export async function render(root, params, ctx) {
  const slug = params.slug;
  const url = (...parts) => municipalityUrl(slug, "moderation", ...parts);
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
    ctx.api.get(url("reasons"), { signal: ctx.signal }),
    ctx.api.get(url("queue", "counts"), { query: filters, signal: ctx.signal }),
    ctx.api.get(url("queue"), { query: { ...filters, limit: 25 }, signal: ctx.signal }),
  ]);
  const reasonLabels = new Map(catalogue.queue.map((r) => [r.code, label(r)]));
  const status = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite", id: "mod-status" });
  const errorBox = h("div", { role: "alert", class: "error-text", id: "mod-error" });
  const state = { items: [...first.items], next: first.next_cursor, current: 0, shortcuts: true, me: ctx.session.me?.id };

  let filterBox = filterForm(filters, counts, catalogue, reasonLabels, ctx, slug);
  const countLine = h("p", { id: "mod-count" });
  const showCounts = (numbers) =>
    (countLine.textContent = t("mod.count", { matching: numbers.matching, total: numbers.total, count: numbers.total }));
  showCounts(counts);
  root.append(h("p", { class: "lead" }, t("mod.lead")), shortcutHelp(state), filterBox, countLine, status, errorBox);

  /** The counts per filter value after a decision (another moderator's decisions show up too). */
  async function refreshCounts() {
    try {
      const fresh = await ctx.api.get(url("queue", "counts"), { query: filters });
      showCounts(fresh);
      const form = filterForm(filters, fresh, catalogue, reasonLabels, ctx, slug);
      if (!filterBox.contains(document.activeElement)) {
        filterBox.replaceWith(form);
        filterBox = form;
      }
    } catch {
      // the counts stay as they were; the decision itself succeeded
    }
  }
  const list = h("ol", { class: "mod-queue", id: "mod-queue", "aria-label": t("mod.title") });
  const more = h("button", { type: "button", class: "secondary", hidden: !state.next }, t("mod.more"));
  // Focusable, so that focus has a place in the list's area when the last item of a filter is decided.
  const empty = h("p", { id: "mod-empty", tabindex: "-1", hidden: state.items.length > 0 }, t("mod.empty"));
  const bulk = bulkForm();
  root.append(bulk, list, empty, more);
  if (ctx.session.hasRole(slug, "admin")) {
    root.append(h("p", {}, h("a", { href: url("audit.csv"), download: true }, t("mod.audit_csv"))));
  }

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

  function bulkForm() {
    const form = h(
      "form",
      {
        class: "mod-bulk",
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          errorBox.textContent = "";
          const data = new FormData(form);
          const ids = [...list.querySelectorAll("input.mod-select:checked")].map((box) => Number(box.value));
          if (!ids.length) {
            errorBox.textContent = t("mod.bulk_none");
            return;
          }
          try {
            const body = { item_ids: ids, action: data.get("action") };
            if (body.action === "reject") body.reason = data.get("reason");
            const result = await ctx.api.post(url("decisions"), body);
            state.items = state.items.filter((item) => !ids.includes(item.id));
            await afterRemoval(0);
            announce(t("mod.bulk_done", { count: result.decided }));
            refreshCounts();
          } catch (error) {
            showError(error);
          }
        },
      },
      h(
        "fieldset",
        {},
        h("legend", {}, t("mod.bulk")),
        select("action", t("mod.bulk_action"), [
          ["approve", t("mod.approve")],
          ["reject", t("mod.reject")],
          ["hide", t("mod.hide")],
        ]),
        select("reason", t("mod.reject_reason"), catalogue.reject.map((r) => [r.code, label(r)])),
        h("button", { type: "submit", class: "secondary" }, t("mod.bulk_submit")),
      ),
    );
    return form;
  }

  /** After items left the list: the next one takes focus; an empty list loads more or says "nothing left". */
  async function afterRemoval(index) {
    if (!state.items.length && state.next) {
      const page = await ctx.api.get(url("queue"), { query: { ...filters, limit: 25, cursor: state.next } });
      state.items.push(...page.items);
      state.next = page.next_cursor;
    }
    draw(index);
    if (!state.items.length) empty.focus();
  }

  function articleAt(index) {
    return list.querySelector(`article[data-index="${index}"]`);
  }

  async function claim(item) {
    if (item.claimed_by === state.me || item.claiming) return;
    item.claiming = true;
    try {
      const claimed = await ctx.api.post(url("items", item.id, "claim"));
      Object.assign(item, claimed);
      const note = articleAt(state.items.indexOf(item))?.querySelector(".mod-claim");
      if (note) note.textContent = t("mod.claimed_by_you");
    } catch (error) {
      showError(error);
    } finally {
      item.claiming = false;
    }
  }

  function select_(index, { focus = true, take = true } = {}) {
    if (!state.items.length) return;
    state.current = Math.max(0, Math.min(index, state.items.length - 1));
    list.querySelectorAll("article").forEach((a) => {
      a.removeAttribute("aria-current");
      a.setAttribute("tabindex", "-1");
      a.querySelector(".mod-detail").hidden = true;
    });
    const article = articleAt(state.current);
    article.setAttribute("aria-current", "true");
    article.querySelector(".mod-detail").hidden = false;
    article.setAttribute("tabindex", "0"); // one tab stop for the list: the current item
    if (focus) article.focus();
    if (take) claim(state.items[state.current]); // only once a moderator turns to the item
  }

  async function decide(item, body) {
    errorBox.textContent = "";
    try {
      const updated = await ctx.api.post(url("items", item.id, "decision"), body);
      const index = state.items.indexOf(item);
      if (body.action === "redact") {
        Object.assign(item, updated);
        draw(index);
      } else {
        state.items.splice(index, 1);
        await afterRemoval(index);
        refreshCounts();
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
    const showText = Boolean(item.text) || !item.has_photo;
    const id = uid("redact");
    const hint = uid("redact-hint");
    const form = h(
      "form",
      {
        class: "mod-panel",
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          const data = new FormData(form);
          const body = { action: "redact" };
          if (showText && data.get("redacted_text") !== item.text) body.redacted_text = data.get("redacted_text");
          if (item.has_photo && data.get("width") && data.get("height")) {
            const part = (name) => Number(data.get(name) || 0) / 100;
            body.region = { x: part("x"), y: part("y"), width: part("width"), height: part("height") };
          }
          await decide(item, body);
        },
      },
      showText
        ? h(
            "div",
            { class: "field" },
            h("label", { for: id }, t("mod.edit_label")),
            h("p", { class: "hint", id: hint }, t("mod.edit_hint")),
            h("textarea", { id, name: "redacted_text", rows: 4, "aria-describedby": hint }, item.text),
          )
        : null,
      item.has_photo ? regionFields() : null,
      h("button", { type: "submit", class: "primary" }, t("mod.edit_submit")),
      " ",
      h("button", { type: "button", class: "secondary", onclick: () => { form.remove(); article.focus(); } }, t("mod.cancel")),
    );
    return form;
  }

  function openPanel(item, article, kind) {
    article.querySelectorAll(".mod-panel").forEach((p) => p.remove());
    const panel = kind === "reject" ? rejectPanel(item, article) : editPanel(item, article);
    article.querySelector(".mod-actions").after(panel);
    panel.querySelector("select, textarea, input").focus();
  }

  async function showHistory(item, details) {
    if (details.dataset.loaded) return;
    details.dataset.loaded = "true";
    const detail = await ctx.api.get(url("items", item.id));
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
        if (event.target === article) select_(index, { focus: false });
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
    const selectId = uid("select");
    // The dom helper skips absent parts; the native Element.append would print them as "null".
    // A proposal's text is "title\n\nbody": the title stands apart instead of running into the text.
    const [title, body] = item.content_type === "proposal" && item.text.includes("\n\n")
      ? [item.text.slice(0, item.text.indexOf("\n\n")), item.text.slice(item.text.indexOf("\n\n") + 2)]
      : ["", item.text];
    const excerpt = body
      ? body.length > 120
        ? `${body.slice(0, 119)}…`
        : body
      : item.has_photo
        ? t("mod.photo_only")
        : t("mod.no_text");
    const summary = [
      waitingFor(item.queued_at),
      t(`mod.visibility.${item.visibility}`),
      item.reasons.map((r) => label(r)).join(", "),
      item.flag_count ? t("mod.flag_count", { count: item.flag_count, n: formatNumber(item.flag_count) }) : "",
    ].filter(Boolean);
    const detail = h("div", { class: "mod-detail", hidden: true });
    append(article, [
      h(
        "div",
        { class: "mod-row" },
        h("input", { type: "checkbox", id: selectId, class: "mod-select", value: item.id }),
        h("label", { for: selectId, class: "visually-hidden" }, t("mod.select", { label: itemLabel(item) })),
        h(
          "div",
          { class: "mod-row-text" },
          h("h2", { id: headingId }, itemLabel(item)),
          contextLine(item) ? h("p", { class: "mod-context" }, contextLine(item)) : null,
          title ? h("p", { class: "mod-excerpt" }, h("strong", {}, title)) : null,
          // A photo is seen in the list already (its thumbnail; the full size opens with the item).
          item.preview_url ? h("img", { src: thumbOf(item.preview_url), alt: "", class: "mod-thumb" }) : null,
          h("p", { class: "mod-excerpt" }, excerpt),
          h("p", { class: "mod-summary" }, summary.join(" · ")),
        ),
      ),
      detail,
    ]);
    append(detail, [
      h("p", { class: "mod-claim" }, claimText),
      item.text && item.text.length > 120 ? h("p", { class: "mod-text" }, item.text) : null,
      item.preview_url ? h("p", {}, h("img", { src: item.preview_url, alt: itemLabel(item), class: "mod-preview" })) : null,
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, t("mod.reasons")),
        h("dd", {}, item.reasons.map((r) => label(r)).join(", ")),
        h("dt", {}, t("mod.visibility")),
        h("dd", {}, t(`mod.visibility.${item.visibility}`)),
        h("dt", {}, t("mod.author")),
        h("dd", {}, item.author_name || t("mod.anonymous")),
        h("dt", {}, t("mod.waiting_since")),
        h("dd", {}, formatDate(item.queued_at, { dateStyle: "medium", timeStyle: "short" })),
        item.flag_count ? [h("dt", {}, t("mod.flags")), h("dd", {}, formatNumber(item.flag_count))] : null,
      ),
      item.link ? h("p", {}, h("a", { href: item.link }, t("mod.open"))) : null,
      h(
        "div",
        { class: "mod-actions" },
        item.visibility === "hidden" || item.visibility === "rejected" ? action("restore", { action: "restore" }) : action("approve", { action: "approve" }),
        " ",
        h("button", { type: "button", class: "secondary", onclick: () => openPanel(item, article, "reject") }, t("mod.reject")),
        " ",
        item.visibility === "public" ? [action("hide", { action: "hide" }), " "] : null,
        h("button", { type: "button", class: "secondary", onclick: () => openPanel(item, article, "edit") }, t("mod.edit")),
      ),
      details,
      item.author_id ? h("details", {}, h("summary", {}, t("mod.sanction")), sanctionForm(item, { api: ctx.api, url, showError })) : null,
    ]);
    return article;
  }

  /** Where the item belongs: the proposal a comment is on, the consultation by its title. */
  function contextLine(item) {
    return [
      item.parent_title ? t("mod.on_parent", { title: item.parent_title }) : "",
      item.context_title ? t("mod.in_context", { title: item.context_title }) : "",
    ]
      .filter(Boolean)
      .join(" · ");
  }

  function waitingFor(queuedAt) {
    const hours = Math.max(0, Math.floor((Date.now() - new Date(queuedAt).getTime()) / 3_600_000));
    if (hours < 1) return t("mod.waiting_new");
    if (hours < 48) return t("mod.waiting_hours", { count: hours, n: formatNumber(hours) });
    const days = Math.floor(hours / 24);
    return t("mod.waiting_days", { count: days, n: formatNumber(days) });
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
      a: () => decide(item, { action: item.visibility === "hidden" || item.visibility === "rejected" ? "restore" : "approve" }),
      r: () => openPanel(item, article, "reject"),
      e: () => openPanel(item, article, "edit"),
      h: () => item.visibility === "public" && decide(item, { action: "hide" }),
      n: () => select_(state.current + 1),
      j: () => select_(state.current + 1),
      k: () => select_(state.current - 1),
      x: () => {
        const box = article.querySelector("input.mod-select");
        box.checked = !box.checked;
      },
    }[key];
    if (handled) {
      event.preventDefault();
      handled();
    }
  });

  more.addEventListener("click", async () => {
    const page = await ctx.api.get(url("queue"), { query: { ...filters, limit: 25, cursor: state.next } });
    const start = state.items.length;
    state.items.push(...page.items);
    state.next = page.next_cursor;
    draw(start);
  });

  draw();
  if (state.items.length) select_(0, { focus: false, take: false });
}

/** The thumbnail URL of a photo URL (`?size=thumb`, the one photo endpoint's small size). */
function thumbOf(url) {
  return `${url}${url.includes("?") ? "&" : "?"}size=thumb`;
}
