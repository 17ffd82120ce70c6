/** Back office: the departments that receive defect reports — create, edit, make default, retire, delete. */
import "../../messages-backoffice-defects.js";
import { municipalityUrl } from "../../api.js";
import { h } from "../../dom.js";
import { field, form } from "../../forms.js";
import { t } from "../../i18n.js";
import { adminFrame } from "./frame.js";

const lines = (text) =>
  String(text || "")
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The create/edit form; `department` is null for a new one. */
function departmentForm(ctx, department, onDone) {
  const url = municipalityUrl(ctx.slug, "admin", "departments", ...(department ? [department.id] : []));
  const heading = department ? t("dept.edit", { name: department.name }) : t("dept.new");
  return h(
    "section",
    { class: "bo-form", "aria-label": heading },
    h("h2", {}, heading),
    form(
      {
        label: heading,
        onSubmit: async (v) => {
          const body = { name: v.name, emails: lines(v.emails), phone: v.phone, opening_hours: v.opening_hours };
          if (!department && v.is_default) body.is_default = true;
          if (department) await ctx.api.patch(url, body);
          else await ctx.api.post(url, body);
          onDone(t("bodef.saved"));
        },
      },
      field({ name: "name", label: t("dept.name"), required: true, value: department?.name }),
      field({
        name: "emails",
        label: t("dept.emails"),
        type: "textarea",
        required: true,
        hint: t("dept.emails_hint"),
        value: (department?.emails || []).join("\n"),
        attrs: { rows: 3, autocomplete: "off" },
      }),
      field({ name: "phone", label: t("dept.phone"), type: "tel", value: department?.phone, autocomplete: "off" }),
      field({ name: "opening_hours", label: t("dept.hours"), type: "textarea", value: department?.opening_hours, attrs: { rows: 3 } }),
      department
        ? null
        : h(
            "div",
            { class: "field", dataset: { field: "is_default" } },
            h("p", { class: "field-error", hidden: true }),
            h("label", { class: "choice" }, h("input", { type: "checkbox", name: "is_default" }), ` ${t("dept.default")}`),
            h("p", { class: "hint" }, t("dept.default_hint")),
          ),
      h(
        "p",
        { class: "bo-actions" },
        h("button", { type: "submit", class: "primary" }, t("bodef.save")),
        " ",
        h("button", { type: "button", class: "secondary", onclick: () => onDone(null) }, t("bodef.cancel")),
      ),
    ),
  );
}

function departmentCard(ctx, d, act) {
  const badges = [
    d.is_default ? h("span", { class: "bo-badge" }, t("dept.default")) : null,
    d.retired ? h("span", { class: "bo-badge bo-badge-retired" }, t("bodef.retired")) : null,
  ];
  return h(
    "li",
    { class: "bo-card", dataset: { department: String(d.id) } },
    h("h3", {}, d.name, " ", badges),
    d.needs_address ? h("p", { class: "notice" }, t("dept.needs_address")) : null,
    h(
      "dl",
      { class: "bo-facts" },
      h("dt", {}, t("dept.emails")),
      h("dd", {}, h("ul", { class: "bo-plain" }, d.emails.map((e) => h("li", {}, e)))),
      d.phone ? [h("dt", {}, t("dept.phone")), h("dd", {}, d.phone)] : null,
      d.opening_hours ? [h("dt", {}, t("dept.hours")), h("dd", { class: "bo-pre" }, d.opening_hours)] : null,
      h("dt", {}, t("dept.categories")),
      h("dd", {}, d.categories.length ? d.categories.join(", ") : t("dept.no_categories")),
      h("dt", {}, t("dept.staff")),
      h(
        "dd",
        {},
        d.staff.length ? h("ul", { class: "bo-plain" }, d.staff.map((s) => h("li", {}, `${s.name} (${s.email})`))) : t("dept.no_staff"),
        " ",
        h("a", { href: `#/m/${ctx.slug}/admin/people` }, t("dept.people_link")),
      ),
    ),
    d.in_use ? h("p", { class: "hint" }, t("dept.in_use_hint")) : null,
    h(
      "p",
      { class: "bo-actions" },
      h("button", { type: "button", class: "secondary", onclick: () => act("edit", d) }, t("bodef.edit"), h("span", { class: "visually-hidden" }, `: ${d.name}`)),
      !d.is_default && !d.retired
        ? h("button", { type: "button", class: "secondary", onclick: () => act("default", d) }, t("dept.make_default"), h("span", { class: "visually-hidden" }, `: ${d.name}`))
        : null,
      !d.is_default
        ? h("button", { type: "button", class: "secondary", onclick: () => act(d.retired ? "reactivate" : "retire", d) }, t(d.retired ? "bodef.reactivate" : "bodef.retire"), h("span", { class: "visually-hidden" }, `: ${d.name}`))
        : null,
      !d.in_use && !d.is_default
        ? h("button", { type: "button", class: "secondary", onclick: () => act("delete", d) }, t("bodef.delete"), h("span", { class: "visually-hidden" }, `: ${d.name}`))
        : null,
    ),
  );
}

export async function render(root, params, ctx) {
  const content = adminFrame(root, ctx, "departments");
  if (!content) return;
  const status = h("div", { class: "bo-status", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "bo-cards" });
  const editor = h("div");
  const newButton = h("button", { type: "button", class: "primary", onclick: () => open(null) }, t("dept.new"));
  const problem = h("div");
  content.append(status, problem, h("p", {}, newButton), editor, list);
  const url = (...parts) => municipalityUrl(ctx.slug, "admin", "departments", ...parts);

  async function load() {
    const departments = await ctx.api.get(url(), { signal: ctx.signal });
    list.replaceChildren(...(departments.length ? departments.map((d) => departmentCard(ctx, d, act)) : [h("li", {}, t("dept.none"))]));
  }

  function open(department) {
    newButton.hidden = true;
    editor.replaceChildren(
      departmentForm(ctx, department, async (message) => {
        editor.replaceChildren();
        newButton.hidden = false;
        if (message) {
          status.textContent = message;
          await load();
        }
        newButton.focus();
      }),
    );
    editor.querySelector("input, textarea").focus();
  }

  async function act(action, d) {
    problem.replaceChildren();
    try {
      if (action === "edit") return open(d);
      if (action === "delete") {
        if (!window.confirm(t("bodef.confirm_delete", { name: d.name }))) return;
        await ctx.api.delete(url(d.id));
        status.textContent = t("bodef.deleted");
      } else {
        const body = action === "default" ? { is_default: true } : { retired: action === "retire" };
        await ctx.api.patch(url(d.id), body);
        status.textContent = t("bodef.saved");
      }
      await load();
      newButton.focus();
    } catch (error) {
      problem.replaceChildren(h("p", { class: "error-text", role: "alert" }, error.message_for ? error.message_for() : String(error)));
    }
  }

  await load();
}
