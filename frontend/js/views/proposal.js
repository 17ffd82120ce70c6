/** One proposal: text, official answer, vote, follow, and the comment thread (three levels, sortable). */
import "../messages-proposals.js";
import { append, h } from "../dom.js";
import { field, form } from "../forms.js";
import { currentLang, formatDate, pick, t } from "../i18n.js";
import { counts } from "./proposal-parts.js";

const STANCES = ["pro", "neutral", "contra"];

function commentForm(ctx, url, parentId, done) {
  const labelKey = parentId ? "com.reply_label" : "com.write";
  return form(
    {
      label: t(labelKey),
      onSubmit: async (data) => {
        await ctx.api.post(url, { text: data.text, stance: data.stance, parent_id: parentId });
        done();
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

function commentNode(ctx, slug, pid, c, reload) {
  const base = `/api/v1/municipalities/${slug}`;
  const item = h("li", { class: `comment depth-${c.depth}`, id: `comment-${c.id}` });
  if (c.placeholder) {
    item.append(
      h(
        "p",
        { class: "placeholder" },
        c.placeholder === "deleted" ? t("com.deleted") : t("com.removed"),
        c.placeholder === "removed" && c.reason_de ? ` ${pick(c, "reason")}` : "",
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
      ),
      h("p", {}, c.text),
    );
    const actions = h("p", { class: "actions" });
    if (ctx.session.me) {
      const voteButton = (value, key, count) =>
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            "aria-pressed": String(c.my_vote === value),
            onclick: async () => {
              await ctx.api.post(`${base}/comments/${c.id}/vote`, { value: c.my_vote === value ? 0 : value });
              reload();
            },
          },
          t(key, { count }),
        );
      actions.append(voteButton(1, "com.up", c.up_count), " ", voteButton(-1, "com.down", c.down_count));
    } else {
      actions.append(`${t("com.up", { count: c.up_count })} · ${t("com.down", { count: c.down_count })}`);
    }
    if (c.may_edit) {
      const editHolder = h("div");
      actions.append(
        " ",
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            "aria-expanded": "false",
            onclick: (event) => {
              const open = !editHolder.firstChild;
              event.currentTarget.setAttribute("aria-expanded", String(open));
              editHolder.replaceChildren(
                open
                  ? form(
                      {
                        label: t("com.edit"),
                        onSubmit: async (data) => {
                          await ctx.api.put(`${base}/comments/${c.id}`, { text: data.text, stance: data.stance });
                          reload();
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
                    )
                  : "",
              );
            },
          },
          t("com.edit"),
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
              await ctx.api.delete(`${base}/comments/${c.id}`);
              reload();
            },
          },
          t("com.delete"),
        ),
      );
    }
    if (c.may_reply) {
      const holder = h("div");
      actions.append(
        " ",
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            "aria-expanded": "false",
            onclick: (event) => {
              const open = !holder.firstChild;
              event.currentTarget.setAttribute("aria-expanded", String(open));
              holder.replaceChildren(open ? commentForm(ctx, `${base}/proposals/${pid}/comments`, c.id, reload) : "");
              if (open) holder.querySelector("textarea").focus();
            },
          },
          t("com.reply"),
        ),
      );
      item.append(actions, holder);
    } else {
      item.append(actions);
    }
  }
  if (c.replies.length) item.append(h("ul", { class: "replies" }, c.replies.map((r) => commentNode(ctx, slug, pid, r, reload))));
  return item;
}

export async function render(root, params, ctx) {
  const slug = params.slug;
  const base = `/api/v1/municipalities/${encodeURIComponent(slug)}`;
  const url = `${base}/proposals/${params.id}`;
  const reload = () => ctx.navigate(`/m/${slug}/proposals/${params.id}`);
  const proposal = await ctx.api.get(url, { signal: ctx.signal });
  const consultation = await ctx.api.get(`${base}/consultations/${proposal.consultation_id}`, { signal: ctx.signal });
  const me = consultation.me;
  append(root, [
    h("p", {}, h("a", { href: `#/m/${slug}/consultations/${proposal.consultation_id}` }, t("prop.back"))),
    h("h1", {}, proposal.title),
    h(
      "p",
      { class: "meta" },
      t("prop.by", { name: proposal.author_name }),
      ` · ${formatDate(proposal.created_at)}`,
      proposal.district ? ` · ${proposal.district.name}` : "",
      proposal.category ? ` · ${proposal.category}` : "",
    ),
    proposal.visibility !== "public" ? h("p", { class: "notice", role: "status" }, t("prop.pending")) : null,
    proposal.withdrawn ? h("p", { class: "notice", role: "status" }, t("prop.withdrawn")) : null,
    h("p", { class: "proposal-body" }, proposal.body),
    proposal.photos.map((i, n) =>
      h("a", { href: i.url }, h("img", { src: i.thumb_url, alt: t("prop.image", { n: n + 1, title: proposal.title }), width: Math.min(i.width, 400) })),
    ),
    h("p", { id: "proposal-counts" }, counts(proposal), proposal.successful ? [" · ", h("strong", {}, t("prop.successful"))] : null),
  ]);
  if (proposal.answer) {
    root.append(
      h(
        "section",
        { class: "answer", "aria-labelledby": "answer-heading" },
        h("h2", { id: "answer-heading" }, t("prop.answer")),
        h("p", {}, h("strong", {}, t(`status.${proposal.answer.status}`))),
        h("p", {}, proposal.answer.text),
      ),
    );
  }
  const actions = h("p", { class: "actions" });
  const errors = h("div", { role: "alert" });
  // Refusals (e.g. no votes left) are shown next to the buttons, in the reader's language.
  const act = (fn) => async () => {
    errors.replaceChildren();
    try {
      await fn();
      reload();
    } catch (error) {
      errors.replaceChildren(h("p", { class: "error" }, error.message_for ? error.message_for(currentLang()) : String(error)));
    }
  };
  const vote = (value) => act(() => ctx.api.post(`${url}/vote`, { value }))();
  if (me.may_vote && !proposal.withdrawn) {
    if (proposal.my_vote) {
      actions.append(
        h("span", { role: "status" }, t("prop.voted")),
        " ",
        h("button", { type: "button", class: "secondary", onclick: act(() => ctx.api.delete(`${url}/vote`)) }, t("prop.withdraw_vote")),
      );
    } else if (proposal.voting_mode === "for_against") {
      actions.append(
        h("button", { type: "button", class: "primary", onclick: () => vote(1) }, t("prop.vote_for")),
        " ",
        h("button", { type: "button", class: "secondary", onclick: () => vote(-1) }, t("prop.vote_against")),
      );
    } else {
      actions.append(h("button", { type: "button", class: "primary", onclick: () => vote(1) }, t("prop.vote")));
    }
    if (me.votes_left !== null) actions.append(" ", t("cons.votes_left", { left: me.votes_left, limit: consultation.vote_limit }));
  }
  if (!ctx.session.me) {
    actions.append(h("a", { href: `#/login?next=${encodeURIComponent(`/m/${slug}/proposals/${params.id}`)}` }, t("cons.login_to_take_part")));
  }
  if (ctx.session.me) {
    actions.append(
      " ",
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: act(() => ctx.api.post(`${url}/${proposal.following ? "unfollow" : "follow"}`)),
        },
        proposal.following ? t("prop.unfollow") : t("prop.follow"),
      ),
    );
  }
  if (proposal.may_edit) {
    actions.append(" ", h("a", { href: `#/m/${slug}/proposals/${proposal.id}/edit` }, t("prop.edit")));
  }
  if (proposal.may_withdraw) {
    actions.append(
      " ",
      h("button", { type: "button", class: "secondary", onclick: act(() => ctx.api.post(`${url}/withdraw`)) }, t("prop.withdraw")),
    );
  }
  root.append(actions, errors);

  const sortValue = params.query.get("sort") || "newest";
  const thread = await ctx.api.get(`${url}/comments`, { query: { sort: sortValue }, signal: ctx.signal });
  const section = h("section", { "aria-labelledby": "comments-heading" }, h("h2", { id: "comments-heading" }, `${t("com.heading")} (${thread.total})`));
  const sort = field({
    name: "comment-sort",
    label: t("cons.sort"),
    type: "select",
    value: sortValue,
    options: [
      { value: "newest", label: t("cons.sort_newest") },
      { value: "oldest", label: t("com.sort_oldest") },
      { value: "most_supported", label: t("cons.sort_most_supported") },
      { value: "most_discussed", label: t("cons.sort_most_discussed") },
    ],
  });
  sort.input.addEventListener("change", () => ctx.navigate(`/m/${slug}/proposals/${params.id}?sort=${sort.input.value}`));
  section.append(sort);
  if (me.may_comment) section.append(commentForm(ctx, `${url}/comments`, null, reload));
  const list = h("ul", { class: "comments", id: "comments" }, thread.items.map((c) => commentNode(ctx, slug, params.id, c, reload)));
  section.append(thread.items.length ? list : h("p", {}, t("com.none")));
  // Long threads come in pages of top-level comments (each with all its replies).
  let shown = thread.items.length;
  if (shown < thread.threads) {
    const more = h("button", { type: "button", class: "secondary" }, t("com.more"));
    more.addEventListener("click", async () => {
      const next = await ctx.api.get(`${url}/comments`, { query: { sort: sortValue, offset: shown } });
      list.append(...next.items.map((c) => commentNode(ctx, slug, params.id, c, reload)));
      shown += next.items.length;
      if (shown >= next.threads) more.remove();
    });
    section.append(h("p", {}, more));
  }
  root.append(section);
}
