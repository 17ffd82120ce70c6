/** My account: who I am, my roles per municipality, name, e-mail, password, mail settings, my contributions and
 * flags with their moderation state, my data, deleting the account, log out (here or everywhere). */
import "../messages-account.js";
import { apiUrl, withQuery } from "../api.js";
import { h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import { currentLang, formatDate, pick, t } from "../i18n.js";
import { mailSettings } from "./consultations.js";
import { myAlertsSection } from "./area-alerts.js";

/** Change the public display name. */
function nameForm(ctx, me) {
  const done = h("div", { "aria-live": "polite" });
  const theForm = form(
    {
      label: t("acc.name_title"),
      onSubmit: async (data) => {
        done.replaceChildren();
        const updated = await ctx.api.patch(apiUrl("me"), { display_name: data.display_name });
        document.querySelector("[data-testid=account-name]").textContent = updated.display_name || t("account.no_display_name");
        done.append(notice(t("acc.name_saved"), { kind: "success" }));
      },
    },
    field({ name: "display_name", label: t("acc.name_label"), value: me.display_name, autocomplete: "nickname", hint: t("acc.name_hint"), attrs: { maxlength: 60 } }),
    h("button", { type: "submit", class: "primary" }, t("acc.name_submit")),
  );
  return [h("h2", {}, t("acc.name_title")), done, theForm];
}

/** Ask for a new e-mail address: a link goes there, the old address stays until it is opened. */
function emailForm(ctx) {
  const done = h("div", { "aria-live": "polite" });
  const theForm = form(
    {
      label: t("acc.email_title"),
      onSubmit: async (data, el) => {
        done.replaceChildren();
        const answer = await ctx.api.post(apiUrl("me", "email"), { new_email: data.new_email, password: data.password });
        el.reset();
        done.append(notice(pick(answer), { kind: "success" }));
      },
    },
    field({ name: "new_email", label: t("acc.email_new"), type: "email", autocomplete: "email", required: true, hint: t("acc.email_hint") }),
    field({ name: "password", label: t("acc.email_password"), type: "password", autocomplete: "current-password", required: true }),
    h("button", { type: "submit", class: "primary" }, t("acc.email_submit")),
  );
  return [h("h2", {}, t("acc.email_title")), done, theForm];
}

const typeLabel = (type) => t(`acc.type.${["proposal", "comment", "defect_report", "photo"].includes(type) ? type : "other"}`);
const appLink = (link) => {
  if (!link) return null;
  try {
    const url = new URL(link, location.href);
    return url.hash ? url.hash : null;
  } catch {
    return null;
  }
};

/** A paged list of mine ("Meine Beiträge", "Meine Meldungen"): each entry with its state and a link. */
async function pagedList(ctx, { id, title, empty, path, entry }) {
  const list = h("ul", { class: "my-list", id });
  const more = h("button", { type: "button", class: "secondary", hidden: true }, t("acc.more"));
  let cursor = null;
  const load = async () => {
    const page = await ctx.api.get(withQuery(apiUrl("me", path), { limit: 20, cursor }), { signal: ctx.signal });
    list.append(...page.items.map(entry));
    cursor = page.next_cursor;
    more.hidden = !cursor;
    return page;
  };
  more.addEventListener("click", async () => {
    await load();
    more.focus();
  });
  const first = await load();
  return h(
    "section",
    { "aria-labelledby": `${id}-heading` },
    h("h2", { id: `${id}-heading` }, title),
    first.items.length ? list : h("p", {}, empty),
    more,
  );
}

/** What a link's hidden text names: the title, or the start of the text. */
const nameOf = (entry) => entry.title || (entry.excerpt || "").slice(0, 40);

function stateBadge(state) {
  return h("span", { class: `state state-${state}` }, t(`acc.state.${state}`));
}

function contributionEntry(c) {
  const href = appLink(c.link);
  const reason = c.state === "rejected" ? pick(c, "reason") : "";
  return h(
    "li",
    { "data-state": c.state },
    h("p", { class: "meta" }, `${typeLabel(c.content_type)} · ${t("acc.in", { municipality: c.municipality_name })} · ${formatDate(c.created_at)} · `, stateBadge(c.state)),
    c.title ? h("h3", { class: "my-title" }, c.title) : null,
    c.excerpt ? h("p", { class: "my-excerpt" }, c.excerpt) : null,
    reason ? h("p", { class: "reason" }, reason) : null,
    href && c.state !== "rejected" ? h("p", {}, h("a", { href }, t("acc.open"), h("span", { class: "visually-hidden" }, `: ${nameOf(c)}`))) : null,
  );
}

function flagEntry(f) {
  const href = appLink(f.link);
  return h(
    "li",
    { "data-state": f.state },
    h("p", { class: "meta" }, `${typeLabel(f.content_type)} · ${t("acc.in", { municipality: f.municipality_name })} · ${formatDate(f.created_at)} · `, stateBadge(f.state)),
    f.title ? h("h3", { class: "my-title" }, f.title) : null,
    f.excerpt ? h("p", { class: "my-excerpt" }, f.excerpt) : null,
    h("p", {}, `${t("acc.flag_reason", { reason: currentLang() === "en" ? f.reason_en : f.reason_de })} · ${f.reviewed ? t("acc.reviewed") : t("acc.not_reviewed")}`),
    href && f.state === "public" ? h("p", {}, h("a", { href }, t("acc.open"), h("span", { class: "visually-hidden" }, `: ${nameOf(f)}`))) : null,
  );
}

/** Download my data; delete the account, its consequences said first. */
function dataAndDeletion(ctx) {
  const theForm = form(
    {
      label: t("acc.delete_title"),
      onSubmit: async (data) => {
        await ctx.api.post(apiUrl("me", "delete"), { password: data.password });
        await ctx.session.refresh();
        await ctx.navigate("/");
      },
    },
    field({ name: "password", label: t("acc.delete_password"), type: "password", autocomplete: "current-password", required: true }),
    h("button", { type: "submit", class: "primary" }, t("acc.delete_submit")),
  );
  return [
    h("h2", {}, t("acc.data_title")),
    h("p", {}, t("acc.export_hint")),
    h("p", {}, h("a", { href: apiUrl("me", "export"), download: "stadtstimme-meine-daten.json" }, t("acc.export"))),
    h("h2", {}, t("acc.delete_title")),
    h("p", {}, t("acc.delete_what")),
    h("ul", {}, h("li", {}, t("acc.delete_gone")), h("li", {}, t("acc.delete_stay")), h("li", {}, h("strong", {}, t("acc.delete_final")))),
    theForm,
  ];
}

/** Change the password: the other sessions end, this one goes on. */
function passwordForm(ctx) {
  const done = h("div", { "aria-live": "polite" });
  const theForm = form(
    {
      label: t("account.password_title"),
      onSubmit: async (data, el) => {
        done.replaceChildren();
        await ctx.api.post(apiUrl("me", "password"), {
          current_password: data.current_password,
          new_password: data.new_password,
        });
        el.reset();
        done.append(notice(t("account.password_changed"), { kind: "success" }));
      },
    },
    field({
      name: "current_password",
      label: t("account.current_password"),
      type: "password",
      autocomplete: "current-password",
      required: true,
    }),
    field({
      name: "new_password",
      label: t("account.new_password"),
      type: "password",
      autocomplete: "new-password",
      required: true,
      attrs: { minlength: 10 }, // the server's rule, checked before sending too
      hint: t("register.password_rules"),
    }),
    h("button", { type: "submit", class: "primary" }, t("account.password_submit")),
  );
  return [h("h2", {}, t("account.password_title")), done, theForm];
}

/** Log out here, or on every device at once (a lost phone, a shared computer). */
function logoutButtons(ctx) {
  return [
    h("h2", {}, t("account.sessions_title")),
    h("p", {}, t("account.everywhere_text")),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: async () => {
            await ctx.session.logout();
            await ctx.navigate("/");
          },
        },
        t("account.logout"),
      ),
      " ",
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: async () => {
            await ctx.session.logoutEverywhere();
            await ctx.navigate("/");
          },
        },
        t("account.logout_everywhere"),
      ),
    ),
  ];
}

export async function render(root, params, ctx) {
  const me = await ctx.session.refresh();
  root.append(h("h1", {}, t("account.title")));
  if (!me) {
    root.append(h("p", {}, t("account.login_needed")), h("p", {}, h("a", { href: "#/login?next=/account" }, t("nav.login"))));
    return;
  }
  const names = new Map(ctx.municipalities.map((m) => [m.slug, m.name]));
  const councils = new Map(ctx.municipalities.map((m) => [m.slug, m.council_name]));
  root.append(
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, t("account.email")),
      h("dd", { "data-testid": "account-email" }, me.email),
      h("dt", {}, t("account.display_name")),
      h("dd", { "data-testid": "account-name" }, me.display_name || t("account.no_display_name")),
      h("dt", {}, t("account.verified")),
      h("dd", {}, me.verified ? t("account.yes") : t("account.no")),
      h("dt", {}, t("account.locale")),
      h("dd", {}, t(`locale.${me.locale}`)),
    ),
    h("h2", {}, t("account.roles")),
    me.memberships.length
      ? h(
          "ul",
          { class: "roles" },
          me.memberships.map((m) =>
            h("li", {}, t("account.role_in", { role: t(`role.${m.role}`, { council: councils.get(m.municipality) || "Stadtverordnetenversammlung" }), municipality: names.get(m.municipality) || m.municipality })),
          ),
        )
      : h("p", {}, t("account.no_roles")),
    await pagedList(ctx, { id: "my-contributions", title: t("acc.mine_title"), empty: t("acc.mine_none"), path: "contributions", entry: contributionEntry }),
    await pagedList(ctx, { id: "my-flags", title: t("acc.flags_title"), empty: t("acc.flags_none"), path: "flags", entry: flagEntry }),
    ...nameForm(ctx, me),
    ...emailForm(ctx),
    ...passwordForm(ctx),
    await mailSettings(ctx),
    await myAlertsSection(ctx, ctx.municipalities),
    ...dataAndDeletion(ctx),
    ...logoutButtons(ctx),
  );
}
