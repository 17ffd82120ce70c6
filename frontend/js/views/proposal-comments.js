/** The comment thread of a proposal: one comment with its replies, its votes, edit, delete and reply forms. */
import "../messages-proposals.js";
import "../messages-account.js";
import { flagButton } from "../components/flag.js";
import { municipalityUrl } from "../api.js";
import { h } from "../dom.js";
import { field, form } from "../forms.js";
import { currentLang, formatDate, pick, t } from "../i18n.js";

const STANCES = ["pro", "neutral", "contra"];

/** A button that shows `build()` in `holder` and hides it again (aria-expanded tells which). */
function disclosure(label, holder, build, { focus = false } = {}) {
  return h(
    "button",
    {
      type: "button",
      class: "secondary",
      "aria-expanded": "false",
      onclick: (event) => {
        const open = !holder.firstChild;
        event.currentTarget.setAttribute("aria-expanded", String(open));
        holder.replaceChildren(open ? build() : "");
        if (open && focus) holder.querySelector("textarea")?.focus();
      },
    },
    label,
  );
}

export function commentForm(ctx, url, parentId, done) {
  const labelKey = parentId ? "com.reply_label" : "com.write";
  return form(
    {
      label: t(labelKey),
      privacy: true,
      onSubmit: async (data, formEl) => {
        const created = await ctx.api.post(url, { text: data.text, stance: data.stance, parent_id: parentId });
        formEl.reset();
        await done(created);
      },
    },
    field({ name: "text", label: t(labelKey), type: "textarea", required: true }),
    field({
      name: "stance",
      label: t("com.stance"),
      type: "select",
      value: "neutral",
      options: STANCES.map((s) => ({ value: s, label: t(`com.${s}`) })),
    }),
    h("button", { type: "submit", class: "primary" }, parentId ? t("com.send_reply") : t("com.send")),
  );
}

/** A comment's message next to its buttons (e.g. "you cannot vote on your own comment"). */
function refusal(error) {
  return h("p", { class: "error", role: "alert" }, error.message_for ? error.message_for(currentLang()) : String(error));
}

/**
 * One comment and its replies. `thread` knows how to act on the thread as a whole: `url(...)` builds the
 * proposal's API addresses, `changed(focusId)` re-fetches the comments (same sort) and focuses a comment.
 */
export function commentNode(ctx, thread, c) {
  const item = h("li", { class: `comment depth-${c.depth}`, id: `comment-${c.id}`, tabindex: "-1" });
  const commentUrl = (...parts) => municipalityUrl(thread.slug, "comments", c.id, ...parts);
  if (c.placeholder) {
    item.append(
      h(
        "p",
        { class: "placeholder" },
        // One sentence: the moderation's reason ("Von der Moderation entfernt: Werbung") already says it was removed.
        c.placeholder === "deleted" ? t("com.deleted") : c.reason_de ? `${pick(c, "reason")}.` : t("com.removed"),
      ),
    );
  } else {
    item.append(
      h(
        "p",
        { class: "meta" },
        h("strong", {}, c.author_name),
        ` · ${t(`com.${c.stance}`)} · ${formatDate(c.created_at)}`,
        c.edited_at ? ` · ${t("com.edited")}` : "",
        c.pending ? [" · ", h("strong", { class: "state state-waiting" }, t("com.waiting"))] : "",
      ),
      // Element.append would print a skipped part as the word "null".
      ...(c.pending ? [h("p", { class: "muted" }, t("com.waiting_hint"))] : []),
      h("p", {}, c.text),
    );
    if (c.pending) item.classList.add("pending");
    const actions = h("p", { class: "actions" });
    const problem = h("div");
    if (c.pending) {
      // Waiting for a moderator: nobody else sees it yet, so there is nothing to vote on or reply to.
    } else if (ctx.session.me) {
      // A comment vote changes two numbers and two pressed states: updated in place, focus stays on the button.
      const buttons = {};
      const draw = () => {
        for (const [value, key, count] of [[1, "com.up", c.up_count], [-1, "com.down", c.down_count]]) {
          buttons[value].textContent = t(key, { count });
          buttons[value].setAttribute("aria-pressed", String(c.my_vote === value));
        }
      };
      for (const value of [1, -1]) {
        buttons[value] = h("button", {
          type: "button",
          class: "secondary",
          onclick: async () => {
            problem.replaceChildren();
            try {
              const updated = await ctx.api.post(commentUrl("vote"), { value: c.my_vote === value ? 0 : value });
              Object.assign(c, { my_vote: updated.my_vote, up_count: updated.up_count, down_count: updated.down_count });
              draw();
            } catch (error) {
              problem.replaceChildren(refusal(error));
            }
          },
        });
      }
      draw();
      actions.append(buttons[1], " ", buttons[-1]);
    } else {
      actions.append(`${t("com.up", { count: c.up_count })} · ${t("com.down", { count: c.down_count })}`);
    }
    if (c.may_edit) {
      const editHolder = h("div");
      actions.append(
        " ",
        disclosure(t("com.edit"), editHolder, () =>
          form(
            {
              label: t("com.edit"),
              onSubmit: async (data) => {
                await ctx.api.put(commentUrl(), { text: data.text, stance: data.stance });
                await thread.changed(c.id);
              },
            },
            field({ name: "text", label: t("com.write"), type: "textarea", value: c.text, required: true }),
            field({
              name: "stance",
              label: t("com.stance"),
              type: "select",
              value: c.stance,
              options: STANCES.map((s) => ({ value: s, label: t(`com.${s}`) })),
            }),
            h("button", { type: "submit", class: "primary" }, t("com.save_edit")),
          ),
        ),
      );
      item.append(editHolder);
    }
    if (c.may_delete) {
      actions.append(
        " ",
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: async () => {
              problem.replaceChildren();
              try {
                await ctx.api.delete(commentUrl());
                await thread.changed(c.id);
              } catch (error) {
                problem.replaceChildren(refusal(error));
              }
            },
          },
          t("com.delete"),
        ),
      );
    }
    const flag = !c.pending && !c.mine ? flagButton({ slug: thread.slug, contentType: "comment", contentId: c.id, ctx }) : null;
    if (c.may_reply && !c.pending) {
      const holder = h("div");
      actions.append(
        " ",
        disclosure(
          t("com.reply"),
          holder,
          () => commentForm(ctx, thread.url("comments"), c.id, (created) => thread.changed(created.id)),
          { focus: true },
        ),
      );
      item.append(actions, problem, holder, ...(flag ? [flag] : []));
    } else {
      item.append(actions, problem, ...(flag ? [flag] : []));
    }
  }
  if (c.replies.length) item.append(h("ul", { class: "replies" }, c.replies.map((r) => commentNode(ctx, thread, r))));
  return item;
}

