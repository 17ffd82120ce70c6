/** One consultation: text, phase timeline, remaining votes, proposals on a map and in a filterable list. */
import { resultsSection } from "../components/results-document.js";
import "../messages-proposals.js";
import { municipalityUrl } from "../api.js";
import { append, h } from "../dom.js";
import { field } from "../forms.js";
import { formatDate, t } from "../i18n.js";
import { createBaseMap, escapeText, L } from "../map/base.js";
import { counts, proposalItem } from "./proposal-parts.js";

function timeline(consultation) {
  return h(
    "section",
    { "aria-labelledby": "timeline-heading" },
    h("h2", { id: "timeline-heading" }, t("cons.timeline")),
    h(
      "ol",
      { class: "timeline" },
      consultation.phases.map((p) =>
        h(
          "li",
          { class: p.current ? "current" : null, "aria-current": p.current ? "step" : null },
          h("strong", {}, p.name_de),
          p.current ? ` (${t("cons.current")})` : "",
          h("br"),
          `${formatDate(p.starts_at)} – ${formatDate(p.ends_at)}`,
          p.description ? [h("br"), p.description] : null,
        ),
      ),
    ),
  );
}

function participation(slug, consultation, ctx) {
  const me = consultation.me;
  const box = h("section", { class: "participation", "aria-label": t("cons.may", { what: "" }) });
  const what = [
    me.may_propose && t("cons.may_propose"),
    me.may_comment && t("cons.may_comment"),
    me.may_vote && t("cons.may_vote"),
  ].filter(Boolean);
  const finished = consultation.timing === "finished";
  if (finished) box.append(h("p", {}, t("cons.finished_note")));
  else if (!me.logged_in) box.append(h("p", {}, h("a", { href: `#/login?next=${encodeURIComponent(location.hash.slice(1))}` }, t("cons.login_to_take_part"))));
  if (what.length) box.append(h("p", {}, t("cons.may", { what: what.join(", ") })));
  if (me.logged_in && !finished && consultation.phases.some((p) => p.may_vote)) {
    box.append(
      h(
        "p",
        { id: "votes-left" },
        me.votes_left === null
          ? t("cons.votes_unlimited")
          : t("cons.votes_left", { left: me.votes_left, limit: consultation.vote_limit, count: consultation.vote_limit }),
      ),
    );
  }
  const buttons = h("p", { class: "actions" });
  if (me.may_propose) {
    buttons.append(
      h("a", { class: "button primary", href: `#/m/${slug}/consultations/${consultation.id}/new` }, t("cons.make_proposal")),
      " ",
    );
  }
  if (me.logged_in) {
    // Following changes this one button (its text), nothing else: focus and the list below stay as they are.
    const problem = h("span", { role: "alert" });
    const follow = h(
      "button",
      {
        type: "button",
        class: "secondary",
        onclick: async () => {
          problem.replaceChildren();
          try {
            const result = await ctx.api.post(municipalityUrl(slug, "consultations", consultation.id, me.following ? "unfollow" : "follow"));
            me.following = result && typeof result.following === "boolean" ? result.following : !me.following;
            follow.textContent = me.following ? t("cons.unfollow") : t("cons.follow");
          } catch (error) {
            problem.replaceChildren(` ${error.message_for ? error.message_for() : String(error)}`);
          }
        },
      },
      me.following ? t("cons.unfollow") : t("cons.follow"),
    );
    buttons.append(follow, problem);
  }
  if (me.may_manage) {
    buttons.append(
      " ",
      h("a", { href: `#/m/${slug}/consultations/${consultation.id}/edit` }, t("cons.admin_edit")),
      " · ",
      h("a", { href: `#/m/${slug}/consultations/${consultation.id}/answers` }, t("cons.admin_answers")),
    );
  }
  box.append(buttons);
  return box;
}

/** A finished consultation's result on the page: proposals ranked by support, answers, the PDF when published. */
async function outcome(slug, consultation, resultsState, url, ctx) {
  const page = await ctx.api.get(url("proposals", { sort: "most_supported", limit: 100 }), { signal: ctx.signal });
  const section = h(
    "section",
    { "aria-labelledby": "outcome-heading", class: "outcome" },
    h("h2", { id: "outcome-heading" }, t("cons.outcome_heading")),
    h("p", {}, page.items.length ? t("cons.outcome_lead") : t("cons.outcome_none")),
  );
  if (resultsState.published_at) {
    section.append(h("p", {}, h("a", { href: resultsState.document_url, class: "download" }, t("cons.outcome_pdf"))));
  }
  if (!page.items.length) return section;
  section.append(
    h(
      "ol",
      { class: "ranking", id: "outcome-ranking" },
      page.items.map((p, index) =>
        h(
          "li",
          { class: "card" },
          h("p", { class: "rank" }, t("cons.outcome_rank", { rank: index + 1 })),
          h("h3", {}, h("a", { href: `#/m/${slug}/proposals/${p.id}` }, p.title)),
          h("p", { class: "meta" }, counts(p), p.successful ? [" · ", h("strong", {}, t("prop.successful"))] : null),
          p.answer_status
            ? h(
                "div",
                { class: "answer" },
                h("p", {}, h("strong", {}, t("cons.outcome_answer", { status: t(`status.${p.answer_status}`) }))),
                p.answer_public_text ? h("p", { class: "answer-text" }, p.answer_public_text) : null,
              )
            : h("p", { class: "hint" }, t("cons.outcome_no_answer")),
        ),
      ),
    ),
  );
  return section;
}

export async function render(root, params, ctx) {
  const slug = params.slug;
  const url = (...parts) => municipalityUrl(slug, "consultations", params.id, ...parts);
  const [consultation, municipality, pins] = await Promise.all([
    ctx.api.get(url(), { signal: ctx.signal }),
    ctx.api.get(municipalityUrl(slug), { signal: ctx.signal }),
    ctx.api.get(url("pins"), { signal: ctx.signal }),
  ]);
  const refresh = () => ctx.navigate(`/m/${slug}/consultations/${params.id}`, { replace: true });
  const body = h("div", { class: "rich-text" });
  // body_html is Markdown rendered on the server by geo.markdown and cleaned by nh3; it is never the raw text.
  body.innerHTML = consultation.body_html;
  const finished = consultation.timing === "finished";
  const resultsState = await ctx.api.get(url("results"), { signal: ctx.signal });
  append(root, [
    consultation.status === "draft"
      ? h("p", { class: "banner draft-banner", role: "note", id: "draft-banner" }, t("cons.draft_banner"))
      : null,
    h("h1", {}, consultation.title),
    consultation.summary ? h("p", { class: "lead" }, consultation.summary) : null,
    consultation.has_cover
      ? h("img", { src: url("cover"), alt: "", class: "cover" })
      : null,
    body,
    participation(slug, consultation, ctx),
    finished ? await outcome(slug, consultation, resultsState, url, ctx) : null,
    timeline(consultation),
    consultation.contact_name
      ? h("p", {}, `${t("cons.contact")}: ${consultation.contact_name} ${consultation.contact_info}`)
      : null,
  ]);

  const mapBox = h("div", { class: "map-frame", id: "proposal-map" });
  root.append(
    h(
      "section",
      { "aria-labelledby": "map-heading" },
      h("h2", { id: "map-heading" }, t("cons.map_heading")),
      h("p", {}, t("cons.map_help")),
      mapBox,
    ),
  );
  const map = createBaseMap(mapBox, { municipality, config: ctx.config, districtLabels: false });
  const layer = L.layerGroup().addTo(map.map);
  for (const pin of pins) {
    L.circleMarker([pin.lat, pin.lon], { radius: 8, color: "#00577b", fillOpacity: 0.8 })
      .bindPopup(`<a href="#/m/${escapeText(slug)}/proposals/${pin.id}">${escapeText(pin.title)}</a>`)
      .addTo(layer);
  }

  const listSection = h("section", { "aria-labelledby": "list-heading" }, h("h2", { id: "list-heading" }, t("cons.proposals_heading")));
  const results = h("div", { "aria-live": "polite" });
  const sort = field({
    name: "sort",
    label: t("cons.sort"),
    type: "select",
    value: params.query.get("sort") || (finished ? "most_supported" : "newest"),
    options: ["newest", "most_supported", "most_discussed"].map((v) => ({ value: v, label: t(`cons.sort_${v}`) })),
  });
  const districtOptions = [{ value: "", label: t("cons.all") }].concat(
    municipality.districts.features.map((f) => ({ value: f.id, label: f.properties.name })),
  );
  const district = field({ name: "district", label: t("cons.district"), type: "select", options: districtOptions });
  const category = field({
    name: "category",
    label: t("cons.category"),
    type: "select",
    options: [{ value: "", label: t("cons.all") }].concat(consultation.categories.map((c) => ({ value: c, label: c }))),
  });
  async function load() {
    const query = { sort: sort.input.value, limit: 50 };
    if (district.input.value) query.district = district.input.value;
    if (category.input.value) query.category = category.input.value;
    const fetchPage = (cursor) => ctx.api.get(url("proposals", { ...query, cursor }), { signal: ctx.signal });
    const page = await fetchPage(null);
    const list = h("ul", { class: "cards", id: "proposal-list" }, page.items.map((p) => proposalItem(slug, p)));
    let cursor = page.next_cursor;
    const more = h("button", { type: "button", class: "secondary", hidden: !cursor, onclick: async () => {
      const next = await fetchPage(cursor);
      cursor = next.next_cursor;
      const items = next.items.map((p) => proposalItem(slug, p));
      list.append(...items);
      more.hidden = !cursor;
      items[0]?.querySelector("a")?.focus();
    } }, t("cons.more"));
    results.replaceChildren(h("p", {}, t("cons.count", { count: page.total })), list, more);
  }
  const filters = h(
    "form",
    { class: "filters", "aria-label": t("cons.filter"), onsubmit: (e) => { e.preventDefault(); load(); } },
    sort,
    district,
    category,
    h("button", { type: "submit", class: "secondary" }, t("cons.filter")),
  );
  listSection.append(filters, results);
  root.append(listSection);
  await load();
  root.append(resultsSection({ slug, consultationId: params.id, state: resultsState, ctx, onPublished: refresh }));
  return () => map.destroy();
}
