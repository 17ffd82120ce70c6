/** One proposal: text, official answer, vote, follow, and the comment thread (three levels, sortable). */
import "../messages-proposals.js";
import { municipalityUrl } from "../api.js";
import { append, h } from "../dom.js";
import { field } from "../forms.js";
import { currentLang, formatDate, t } from "../i18n.js";
import { commentForm, commentNode } from "./proposal-comments.js";
import { counts } from "./proposal-parts.js";
import { flagButton } from "../components/flag.js";

const COMMENT_PAGE = 20; // top-level comments per page of a thread

export async function render(root, params, ctx) {
  const slug = params.slug;
  const url = (...parts) => municipalityUrl(slug, "proposals", params.id, ...parts);
  // Withdrawing changes the whole page: draw it again (the hash, with its sort, stays).
  const reload = () => ctx.navigate(window.location.hash, { replace: true });
  let proposal = await ctx.api.get(url(), { signal: ctx.signal });
  const consultation = await ctx.api.get(municipalityUrl(slug, "consultations", proposal.consultation_id), { signal: ctx.signal });
  const me = consultation.me;
  const countsLine = h("p", { id: "proposal-counts" });
  const drawCounts = () =>
    countsLine.replaceChildren(counts(proposal), ...(proposal.successful ? [" · ", h("strong", {}, t("prop.successful"))] : []));
  drawCounts();
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
    countsLine,
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
  // An action redraws only the counts and these buttons from the server's answer; the comments, their sort,
  // the scroll position stay. Focus goes to the button that now stands where the pressed one was
  // (data-action names the slot: "Unterstützen" becomes "Stimme zurücknehmen", both "vote").
  const act = (slot, fn) => async () => {
    errors.replaceChildren();
    try {
      await fn();
      drawCounts();
      drawActions(slot);
    } catch (error) {
      errors.replaceChildren(h("p", { class: "error" }, error.message_for ? error.message_for(currentLang()) : String(error)));
    }
  };
  const voted = async (result) => {
    me.votes_left = result.votes_left;
    proposal = await ctx.api.get(url()); // counts and "successful" as the server sees them
  };
  const vote = (value) => act("vote", async () => voted(await ctx.api.post(url("vote"), { value })));
  const button = (slot, cls, label, onclick) => h("button", { type: "button", class: cls, dataset: { action: slot }, onclick }, label);
  function drawActions(focusSlot) {
    actions.replaceChildren();
    if (me.may_vote && !proposal.withdrawn) {
      if (proposal.my_vote) {
        actions.append(
          h("span", { role: "status" }, t("prop.voted")),
          " ",
          button("vote", "secondary", t("prop.withdraw_vote"), act("vote", async () => voted(await ctx.api.delete(url("vote"))))),
        );
      } else if (proposal.voting_mode === "for_against") {
        actions.append(
          button("vote", "primary", t("prop.vote_for"), vote(1)),
          " ",
          button("vote-against", "secondary", t("prop.vote_against"), vote(-1)),
        );
      } else {
        actions.append(button("vote", "primary", t("prop.vote"), vote(1)));
      }
      if (me.votes_left !== null) {
        actions.append(" ", t("cons.votes_left", { left: me.votes_left, limit: consultation.vote_limit, count: consultation.vote_limit }));
      }
    }
    if (!ctx.session.me) {
      actions.append(h("a", { href: `#/login?next=${encodeURIComponent(`/m/${slug}/proposals/${params.id}`)}` }, t("cons.login_to_take_part")));
    } else {
      actions.append(
        " ",
        button(
          "follow",
          "secondary",
          proposal.following ? t("prop.unfollow") : t("prop.follow"),
          act("follow", async () => {
            const result = await ctx.api.post(url(proposal.following ? "unfollow" : "follow"));
            proposal.following = result && typeof result.following === "boolean" ? result.following : !proposal.following;
          }),
        ),
      );
    }
    if (proposal.may_edit) {
      actions.append(" ", h("a", { href: `#/m/${slug}/proposals/${proposal.id}/edit` }, t("prop.edit")));
    }
    if (proposal.may_withdraw) {
      actions.append(
        " ",
        button("withdraw", "secondary", t("prop.withdraw"), async () => {
          errors.replaceChildren();
          try {
            await ctx.api.post(url("withdraw"));
            reload();
          } catch (error) {
            errors.replaceChildren(h("p", { class: "error" }, error.message_for ? error.message_for(currentLang()) : String(error)));
          }
        }),
      );
    }
    if (focusSlot) (actions.querySelector(`[data-action="${focusSlot}"]`) || actions.querySelector("button") || countsLine).focus();
  }
  drawActions();
  root.append(actions, errors);
  if (proposal.visibility === "public" && !proposal.mine) root.append(h("div", { id: "proposal-flag" }, flagButton({ slug, contentType: "proposal", contentId: proposal.id, ctx })));

  const sortValue = params.query.get("sort") || "newest";
  const heading = h("h2", { id: "comments-heading", tabindex: "-1" });
  const section = h("section", { "aria-labelledby": "comments-heading" }, heading);
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
  sort.input.addEventListener("change", () => ctx.navigate(`/m/${slug}/proposals/${params.id}?sort=${encodeURIComponent(sort.input.value)}`));
  section.append(sort);
  const list = h("ul", { class: "comments", id: "comments" });
  const listHolder = h("div");
  const thread = {
    slug,
    url,
    /** After a comment was written, changed or deleted: fetch the first page again (same sort), focus `focusId`. */
    async changed(focusId) {
      await loadComments();
      const target = (focusId && list.querySelector(`#comment-${focusId}`)) || heading;
      target.focus();
    },
  };
  if (me.may_comment) section.append(commentForm(ctx, url("comments"), null, (created) => thread.changed(created.id)));
  section.append(listHolder);
  // Long threads come in pages of top-level comments (each with all its replies): 20 keep the hottest thread's
  // first answer small (~25 KB instead of ~70 KB at 50); "Weitere Kommentare anzeigen" fetches the next 20.
  async function loadComments(signal) {
    const page = await ctx.api.get(url("comments", { sort: sortValue, limit: COMMENT_PAGE }), { signal });
    heading.textContent = t("com.heading_count", { count: page.total });
    list.replaceChildren(...page.items.map((c) => commentNode(ctx, thread, c)));
    let cursor = page.next_cursor;
    const parts = [page.items.length ? list : h("p", {}, t("com.none"))];
    if (cursor) {
      const more = h("button", { type: "button", class: "secondary" }, t("com.more"));
      more.addEventListener("click", async () => {
        const next = await ctx.api.get(url("comments", { sort: sortValue, limit: COMMENT_PAGE, cursor }));
        list.append(...next.items.map((c) => commentNode(ctx, thread, c)));
        cursor = next.next_cursor;
        if (!cursor) more.remove();
      });
      parts.push(h("p", {}, more));
    }
    listHolder.replaceChildren(...parts);
  }
  await loadComments(ctx.signal);
  root.append(section);
}
