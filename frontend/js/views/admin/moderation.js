/**
 * Back office "Moderation einstellen": the basic rule with its exceptions per type and consultation, the flag
 * threshold, the local word list, sanctions (lift them here), the audit log with filters and its CSV, and the
 * transparency counts. Everything goes through moderation's API under /moderation/…; the server checks again.
 */
import "../../messages-moderation.js";
import "../../messages-territory.js";
import { municipalityUrl, withQuery } from "../../api.js";
import { append, clear, h, uid } from "../../dom.js";
import { field, form, notice } from "../../forms.js";
import { formatDate, formatDateTime, formatNumber, t } from "../../i18n.js";
import { label as reasonLabel, typeLabel } from "../../moderation/parts.js";
import { adminFrame } from "./frame.js";

/** Replace the children of `el` (null children are skipped). */
const fill = (el, ...children) => append(clear(el), children);

const POLICIES = ["standard", "pre", "post"];
const TYPES = ["proposal", "comment", "defect_report", "photo"];
const ACTIONS = [
  "submitted", "resubmitted", "approve", "reject", "hide", "restore", "redact", "claimed", "released", "flagged",
  "auto_hidden", "sanction_warn", "sanction_mute", "sanction_block", "sanction_lifted", "policies_changed",
  "policy_override", "words_changed",
  // the back office's own changes (tests/test_no_raw_values_for_people.py checks every action has a label)
  "role_granted", "role_revoked", "person_invited", "person_deactivated", "profile_changed", "logo_changed",
  "logo_removed", "department_created", "department_changed", "department_deleted", "category_created",
  "category_changed", "category_moved", "category_deleted", "reply_template_created", "reply_template_changed",
  "reply_template_deleted", "open311_key_issued", "open311_key_revoked", "open311_key_trusted",
  "open311_key_distrusted", "districts_uploaded", "district_renamed", "district_deleted", "districts_reassigned",
  "results_published", "results_withdrawn",
];
const AUDIT_PAGE = 25;

const label = (prefix, code) => {
  const key = `${prefix}.${code}`;
  const text = t(key);
  return text === key ? code : text;
};

/** A labelled select inside one of our forms (forms.js field, so its errors and summary work). */
function select(name, text, pairs, value) {
  return field({ name, label: text, type: "select", value, options: pairs.map(([v, l]) => ({ value: v, label: l })) });
}

/** A table; `stack` lays rows out as labelled blocks on narrow screens (no horizontal scrolling at 390 px). */
function table(caption, headers, rows, { foot = null, id = null } = {}) {
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "data-table stack", id },
      h("caption", { class: "visually-hidden" }, caption),
      h("thead", {}, h("tr", {}, headers.map((text) => h("th", { scope: "col" }, text)))),
      h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((cell, i) => h("td", { "data-label": headers[i] }, cell))))),
      foot,
    ),
  );
}

export async function render(root, params, ctx) {
  const content = adminFrame(root, ctx, "moderation");
  if (!content) return;
  const slug = params.slug;
  const url = (...parts) => municipalityUrl(slug, "moderation", ...parts);
  const get = (path, query) => ctx.api.get(path, { query, signal: ctx.signal });
  const [policies, words, sanctions, actors, transparency, consultations, catalogue] = await Promise.all([
    get(url("policies")),
    get(url("words")),
    get(url("sanctions")),
    get(url("audit", "actors")),
    get(url("transparency")),
    get(municipalityUrl(slug, "consultations")),
    get(url("reasons")),
  ]);
  const reasons = new Map([...catalogue.reject, ...catalogue.flag, ...catalogue.queue].map((r) => [r.code, reasonLabel(r)]));
  const consultationName = new Map(consultations.map((c) => [c.id, c.title]));
  const sections = {
    policy: h("section", { class: "admin-block", "aria-labelledby": "policy-heading" }),
    overrides: h("section", { class: "admin-block", "aria-labelledby": "overrides-heading" }),
    words: h("section", { class: "admin-block", "aria-labelledby": "words-heading" }),
    sanctions: h("section", { class: "admin-block", "aria-labelledby": "sanctions-heading" }),
    audit: h("section", { class: "admin-block", "aria-labelledby": "audit-heading" }),
    transparency: h("section", { class: "admin-block", "aria-labelledby": "transparency-heading" }),
  };
  content.append(...Object.values(sections));

  // ---- the basic rule and the thresholds -------------------------------------------------------------------
  function drawPolicy(current) {
    const status = h("div", { role: "status" });
    const legendId = uid("policy-legend");
    const policyForm = form(
      {
        label: t("modset.policy"),
        onSubmit: async (values) => {
          const saved = await ctx.api.patch(url("policies"), {
            municipality_policy: values.municipality_policy,
            flag_threshold: Number(values.flag_threshold),
            new_account_items: Number(values.new_account_items),
          });
          drawPolicy(saved);
          drawOverrides(saved);
          sections.policy.querySelector("[role=status]").append(notice(t("modset.saved"), { kind: "success" }));
        },
      },
      h(
        "fieldset",
        { class: "field policy-choice", dataset: { field: "municipality_policy" }, "aria-labelledby": legendId },
        h("legend", { id: legendId }, t("modset.policy_legend")),
        h("p", { class: "field-error", hidden: true }),
        POLICIES.map((policy) =>
          h(
            "label",
            { class: "choice" },
            h("input", { type: "radio", name: "municipality_policy", value: policy, checked: current.municipality_policy === policy }),
            h("span", {}, t(`modset.policy.${policy}`)),
          ),
        ),
      ),
      field({
        name: "flag_threshold",
        type: "number",
        label: t("modset.flag_threshold"),
        hint: t("modset.flag_threshold_hint"),
        value: current.flag_threshold,
        required: true,
        attrs: { min: 1, max: 100, step: 1, inputmode: "numeric" },
      }),
      field({
        name: "new_account_items",
        type: "number",
        label: t("modset.new_account_items"),
        hint: t("modset.new_account_items_hint"),
        value: current.new_account_items,
        required: true,
        attrs: { min: 0, max: 100, step: 1, inputmode: "numeric" },
      }),
      h("button", { type: "submit", class: "primary" }, t("modset.save_policy")),
    );
    fill(sections.policy, h("h2", { id: "policy-heading" }, t("modset.policy")), status, policyForm);
  }

  // ---- exceptions per type and consultation ----------------------------------------------------------------
  function drawOverrides(current) {
    const status = h("div", { role: "status" });
    const typeName = (type) => (type === "*" ? t("modset.every_type") : typeLabel(type));
    const contextName = (id) =>
      id === 0 ? t("modset.every_consultation") : consultationName.get(id) || t("modset.consultation_n", { id });
    const save = async (body, message) => {
      const saved = await ctx.api.put(url("policies", "overrides"), body);
      drawOverrides(saved);
      sections.overrides.querySelector("[role=status]").append(notice(message, { kind: "success" }));
    };
    const rows = current.overrides.map((o) => [
      typeName(o.content_type),
      contextName(o.context_id),
      label("modset.policy_short", o.policy),
      h(
        "button",
        {
          type: "button",
          class: "link-button",
          "aria-label": `${t("modset.remove_override")}: ${typeName(o.content_type)}, ${contextName(o.context_id)}`,
          onclick: () => save({ content_type: o.content_type, context_id: o.context_id, policy: "inherit" }, t("modset.saved")),
        },
        t("modset.remove_override"),
      ),
    ]);
    const addForm = form(
      {
        label: t("modset.add_override"),
        onSubmit: (values) =>
          save({ content_type: values.content_type, context_id: Number(values.context_id), policy: values.policy }, t("modset.saved")),
      },
      h("div", { class: "filter-grid" },
        select("content_type", t("modset.col_type"), [["*", t("modset.every_type")], ...TYPES.map((ty) => [ty, typeLabel(ty)])], "*"),
        select("context_id", t("modset.col_consultation"), [[0, t("modset.every_consultation")], ...consultations.map((c) => [c.id, c.title])], 0),
        select("policy", t("modset.col_policy"), POLICIES.map((p) => [p, label("modset.policy_short", p)]), "pre"),
      ),
      h("button", { type: "submit", class: "primary" }, t("modset.save_override")),
    );
    const headers = [t("modset.col_type"), t("modset.col_consultation"), t("modset.col_policy"), t("modset.col_action")];
    fill(sections.overrides, 
      h("h2", { id: "overrides-heading" }, t("modset.overrides")),
      h("p", {}, t("modset.overrides_intro")),
      status,
      rows.length ? table(t("modset.overrides"), headers, rows, { id: "override-table" }) : h("p", {}, t("modset.overrides_none")),
      h("h3", {}, t("modset.add_override")),
      addForm,
    );
  }

  // ---- the word list ---------------------------------------------------------------------------------------
  function drawWords(current) {
    const status = h("div", { role: "status" });
    const local = current.extra_words.split("\n").map((w) => w.trim()).filter(Boolean);
    const store = async (list, message) => {
      const saved = await ctx.api.put(url("words"), { extra_words: list.join("\n") });
      drawWords(saved);
      sections.words.querySelector("[role=status]").append(notice(message, { kind: "success" }));
      sections.words.querySelector("input[name=word]").focus();
    };
    const wordForm = form(
      {
        label: t("modset.word_add"),
        onSubmit: async (values) => {
          const word = (values.word || "").trim();
          const refuse = (key) => {
            throw { errors: [{ field: "word", detail_de: t(key, { word }, "de"), detail_en: t(key, { word }, "en") }] };
          };
          if (!word) refuse("modset.word_empty");
          if (local.some((w) => w.toLocaleLowerCase("de") === word.toLocaleLowerCase("de"))) refuse("modset.word_exists");
          await store([...local, word], t("modset.word_added", { word }));
        },
      },
      field({ name: "word", label: t("modset.word_new"), attrs: { maxlength: 200, autocomplete: "off" } }),
      h("button", { type: "submit", class: "primary" }, t("modset.word_add")),
    );
    fill(sections.words, 
      h("h2", { id: "words-heading" }, t("modset.words")),
      h("p", {}, t("modset.words_intro")),
      h("details", {}, h("summary", {}, t("modset.words_default")),
        h("p", {}, t("modset.words_default_count", { count: current.default_words.length })),
        h("p", {}, current.default_words.join(", "))),
      h("h3", {}, t("modset.words_local")),
      status,
      local.length
        ? h("ul", { class: "word-list", id: "local-words" }, local.map((word) =>
            h("li", {}, h("span", {}, word), h("button", {
              type: "button",
              class: "link-button",
              "aria-label": t("modset.word_remove", { word }),
              onclick: () => store(local.filter((w) => w !== word), t("modset.word_removed", { word })),
            }, "✕")),
          ))
        : h("p", {}, t("modset.words_none")),
      wordForm,
    );
  }

  // ---- sanctions -------------------------------------------------------------------------------------------
  function drawSanctions(list) {
    const status = h("div", { role: "status" });
    const headers = [
      t("modset.col_person"), t("modset.col_kind"), t("modset.col_reason"), t("modset.col_since"), t("modset.col_until"),
      t("modset.col_state"), t("modset.col_action"),
    ];
    const rows = list.map((s) => {
      const name = s.user_name || t("modset.unknown_person");
      const state = s.lifted_at ? t("modset.lifted", { date: formatDate(s.lifted_at) }) : s.active ? t("modset.active") : t("modset.ended");
      const until = s.kind === "warn" ? t("modset.not_applicable") : s.until ? formatDateTime(s.until) : t("modset.indefinite");
      const lift = s.active && s.kind !== "warn"
        ? h("button", {
            type: "button",
            class: "link-button",
            "aria-label": t("modset.lift_label", { name }),
            onclick: async () => {
              await ctx.api.post(url("sanctions", s.id, "lift"));
              drawSanctions(await ctx.api.get(url("sanctions")));
              sections.sanctions.querySelector("[role=status]").append(notice(t("modset.lifted_done", { name }), { kind: "success" }));
            },
          }, t("modset.lift"))
        : t("modset.not_applicable");
      return [name, label("modset.kind", s.kind), s.reason, formatDateTime(s.created_at), until, state, lift];
    });
    fill(sections.sanctions, 
      h("h2", { id: "sanctions-heading" }, t("modset.sanctions")),
      status,
      rows.length ? table(t("modset.sanctions"), headers, rows, { id: "sanction-table" }) : h("p", {}, t("modset.sanctions_none")),
    );
  }

  // ---- the audit log ---------------------------------------------------------------------------------------
  const filters = { actor: "", action: "", content_type: "", from: "", to: "" };
  const auditQuery = () => {
    const day = (text, plus = 0) => {
      if (!text) return null;
      const date = new Date(`${text}T00:00:00`); // the admin's local midnight
      date.setDate(date.getDate() + plus);
      return date.toISOString();
    };
    return {
      actor: filters.actor || null,
      action: filters.action || null,
      content_type: filters.content_type || null,
      since: day(filters.from),
      until: day(filters.to, 1), // "to" includes the whole day
    };
  };
  function drawAuditFrame() {
    const filterForm = form(
      {
        label: t("modset.audit"),
        onSubmit: async (values) => {
          Object.assign(filters, values);
          await loadAudit();
        },
      },
      h("div", { class: "filter-grid" },
        select("actor", t("modset.filter_who"), [["", t("modset.filter_any")], ...actors.map((a) => [a.id, a.name || t("modset.unknown_person")])], filters.actor),
        select("action", t("modset.filter_what"), [["", t("modset.filter_any")], ...ACTIONS.map((a) => [a, label("modset.action", a)])], filters.action),
        select("content_type", t("modset.filter_type"), [["", t("modset.filter_any")], ...TYPES.map((ty) => [ty, typeLabel(ty)])], filters.content_type),
        field({ name: "from", type: "date", label: t("modset.filter_from"), value: filters.from }),
        field({ name: "to", type: "date", label: t("modset.filter_to"), value: filters.to }),
        h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, t("modset.filter_apply"))),
      ),
    );
    fill(sections.audit, 
      h("h2", { id: "audit-heading" }, t("modset.audit")),
      h("p", {}, t("modset.audit_intro")),
      filterForm,
      h("p", {}, h("a", { id: "audit-csv", href: withQuery(url("audit.csv"), auditQuery()), download: true }, t("modset.audit_csv"))),
      h("div", { id: "audit-results" }),
    );
  }
  async function loadAudit() {
    sections.audit.querySelector("#audit-csv").setAttribute("href", withQuery(url("audit.csv"), auditQuery()));
    const holder = sections.audit.querySelector("#audit-results");
    const entries = [];
    const headers = [t("modset.col_when"), t("modset.col_who"), t("modset.col_what"), t("modset.col_type"), t("modset.col_item")];
    const count = h("p", { role: "status", id: "audit-count" });
    const more = h("button", { type: "button", class: "secondary", id: "audit-more" }, t("modset.audit_more"));
    let cursor = null;
    const rowOf = (e) => [
      formatDateTime(e.created_at),
      e.actor || t("modset.system"),
      label("modset.action", e.action),
      e.content_type ? typeLabel(e.content_type) : t("modset.not_applicable"),
      e.item_id ? t("modset.item_n", { id: e.item_id }) : t("modset.not_applicable"),
    ];
    const drawPage = async () => {
      const page = await ctx.api.get(url("audit"), { query: { ...auditQuery(), limit: AUDIT_PAGE, cursor } });
      const firstNew = entries.length;
      entries.push(...page.items);
      cursor = page.next_cursor;
      fill(holder, 
        count,
        entries.length ? table(t("modset.audit"), headers, entries.map(rowOf), { id: "audit-table" }) : h("p", {}, t("modset.audit_none")),
        cursor ? more : null,
      );
      count.textContent = t("modset.audit_shown", { count: entries.length });
      if (firstNew > 0) holder.querySelectorAll("tbody tr")[firstNew]?.querySelector("td")?.setAttribute("tabindex", "-1");
      if (firstNew > 0) holder.querySelectorAll("tbody tr")[firstNew]?.querySelector("td")?.focus();
    };
    more.addEventListener("click", drawPage);
    await drawPage();
  }

  // ---- transparency ----------------------------------------------------------------------------------------
  function drawTransparency(rows) {
    const headers = [t("modset.col_decision"), t("modset.col_reason"), t("modset.col_type"), t("modset.col_count")];
    const total = rows.reduce((sum, r) => sum + r.count, 0);
    const foot = h("tfoot", {}, h("tr", {}, h("th", { scope: "row", colspan: 3 }, t("modset.total")), h("td", { class: "number", "data-label": t("modset.col_count") }, formatNumber(total))));
    sections.transparency.append(
      h("h2", { id: "transparency-heading" }, t("modset.transparency")),
      h("p", {}, t("modset.transparency_intro")),
      rows.length
        ? table(
            t("modset.transparency"),
            headers,
            rows.map((r) => [label("modset.action", r.action), r.reason ? reasons.get(r.reason) || r.reason : t("modset.no_reason"), typeLabel(r.content_type), formatNumber(r.count)]),
            { foot, id: "transparency-table" },
          )
        : h("p", {}, t("modset.transparency_none")),
    );
  }

  drawPolicy(policies);
  drawOverrides(policies);
  drawWords(words);
  drawSanctions(sanctions);
  drawAuditFrame();
  await loadAudit();
  drawTransparency(transparency);
}
