/** Back office: the people of the municipality – invite by e-mail, search, revoke roles, deactivate. */
import { municipalityUrl } from "../../api.js";
import { h } from "../../dom.js";
import { field, form, notice } from "../../forms.js";
import { pick, t } from "../../i18n.js";
import { confirmButton } from "./confirm.js";
import { adminFrame } from "./frame.js";

const INVITED_ROLES = ["staff", "moderator", "admin", "council"];
const ALL_ROLES = ["resident", ...INVITED_ROLES];

export async function render(root, params, ctx) {
  const content = adminFrame(root, ctx, "people");
  if (!content) return;
  const slug = params.slug;
  const url = (...parts) => municipalityUrl(slug, ...parts);
  const departments = await ctx.api.get(url("invitations", "departments"), { signal: ctx.signal });
  const council = (ctx.municipalities.find((m) => m.slug === slug) || {}).council_name || "Stadtverordnetenversammlung";
  const roleOption = (role) => ({ value: role, label: t(`role.${role}`, { council }) });

  // --- invite ---
  const invited = h("div", { "aria-live": "polite" });
  const inviteForm = form(
    {
      label: t("people.invite_title"),
      onSubmit: async (data, el) => {
        const answer = await ctx.api.post(url("invitations"), {
          email: data.email,
          name: data.name,
          role: data.role,
          department_id: data.department_id ? Number(data.department_id) : null,
          locale: data.locale || "de",
        });
        el.reset();
        await load(filters);
        invited.replaceChildren(notice(pick(answer), { kind: "success" }));
      },
    },
    field({ name: "email", label: t("people.email"), type: "email", autocomplete: "off", required: true }),
    field({ name: "name", label: t("people.name"), autocomplete: "off", required: true }),
    field({ name: "role", label: t("people.role"), type: "select", required: true, options: INVITED_ROLES.map(roleOption) }),
    field({
      name: "department_id",
      label: t("people.department"),
      type: "select",
      hint: departments.length ? t("people.department_hint") : t("people.no_departments"),
      options: [{ value: "", label: t("people.no_department") }, ...departments.map((d) => ({ value: d.id, label: d.name }))],
    }),
    field({
      name: "locale",
      label: t("people.locale"),
      type: "select",
      value: "de",
      hint: t("people.locale_hint"),
      // Each language is named in itself, so the admin finds it whatever language the page is in.
      options: [{ value: "de", label: "Deutsch" }, { value: "en", label: "English" }],
    }),
    h("button", { type: "submit", class: "primary" }, t("people.invite_submit")),
  );

  // --- list and search ---
  let filters = { q: "", role: "" };
  const said = h("div", { role: "status", class: "action-status" });
  const heading = h("h2", { id: "people-heading", tabindex: "-1" }, t("people.list_title"));
  const list = h("ul", { class: "people-list", "aria-labelledby": "people-heading" });
  const empty = h("p", { hidden: true }, t("people.none"));
  let cursor = null;
  const more = h("button", { type: "button", class: "secondary", hidden: true, onclick: async () => {
    const items = await page(cursor);
    items[0]?.querySelector("button, a")?.focus();
  } }, t("people.more"));

  const page = async (from) => {
    const answer = await ctx.api.get(url("people"), { query: { ...filters, cursor: from }, signal: ctx.signal });
    cursor = answer.next_cursor;
    more.hidden = !cursor;
    const items = answer.items.map(personCard);
    list.append(...items);
    empty.hidden = list.children.length > 0;
    return items;
  };
  const load = async (next) => {
    filters = next;
    list.replaceChildren();
    await page(null);
  };
  const done = async (message) => {
    await load(filters); // first the new state, then the message about it
    said.replaceChildren(notice(message, { kind: "success" }));
    heading.focus();
  };

  function personCard(person) {
    const name = person.display_name || person.email;
    const state = person.deactivated
      ? t("people.state_deactivated")
      : person.invited
        ? t("people.state_invited")
        : person.verified
          ? null
          : t("people.state_unverified");
    const roleName = (r) => t(`role.${r.role}`, { council });
    const roleText = (r) => (r.department ? `${roleName(r)} – ${r.department}` : roleName(r));
    const isMe = ctx.session.me && ctx.session.me.id === person.id;
    return h("li", { class: "person-card", dataset: { email: person.email } },
      h("h3", {}, name),
      h("p", {}, person.email),
      state ? h("p", { class: "muted" }, state) : null,
      person.roles.length
        ? h("ul", { class: "person-roles", "aria-label": `${t("people.roles_of")}: ${name}` },
            person.roles.map((r) =>
              h("li", {},
                h("span", {}, roleText(r)),
                confirmButton({
                  label: t("people.revoke", { role: roleText(r) }),
                  question: t("people.revoke_question", { role: roleText(r), name }),
                  yes: t("people.revoke_yes"),
                  onConfirm: async () => {
                    await ctx.api.delete(url("roles", r.membership_id));
                    await done(t("people.revoked", { role: roleText(r), name }));
                  },
                }))))
        : h("p", {}, t("people.no_roles")),
      !isMe && person.roles.length
        ? confirmButton({
            label: t("people.deactivate", { name }),
            question: t("people.deactivate_question", { name }),
            yes: t("people.deactivate_yes"),
            onConfirm: async () => {
              const answer = await ctx.api.post(url("people", person.id, "deactivate"), {});
              await done(pick(answer));
            },
          })
        : null);
  }

  const searchForm = form(
    { label: t("people.search_submit"), onSubmit: async (data) => load({ q: data.q || "", role: data.role || "" }) },
    h("div", { class: "search-row" },
      field({ name: "q", label: t("people.search"), type: "search" }),
      field({ name: "role", label: t("people.filter_role"), type: "select",
        options: [{ value: "", label: t("people.all_roles") }, ...ALL_ROLES.map(roleOption)] }),
      h("button", { type: "submit", class: "secondary" }, t("people.search_submit"))),
  );
  searchForm.setAttribute("role", "search");

  content.append(
    h("section", { "aria-labelledby": "invite-heading" },
      h("h2", { id: "invite-heading" }, t("people.invite_title")),
      h("p", {}, t("people.invite_intro")),
      invited,
      inviteForm),
    h("section", { "aria-labelledby": "people-heading" }, heading, searchForm, said, list, empty, more),
  );
  await load(filters);
}
