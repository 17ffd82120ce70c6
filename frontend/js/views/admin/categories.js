/**
 * Back office: the categories of the Mängelmelder — create, edit (names, icon, department, extra questions,
 * responsibility by district or area), reorder with up/down buttons, retire, delete when no report uses one.
 */
import "../../messages-backoffice-defects.js";
import { municipalityUrl } from "../../api.js";
import { h } from "../../dom.js";
import { field, form } from "../../forms.js";
import { currentLang, t } from "../../i18n.js";
import { L } from "../../map/base.js";
import { locationPicker } from "../../map/location-picker.js";
import { adminFrame } from "./frame.js";

const DATATYPES = ["string", "text", "number", "datetime", "singlevaluelist", "multivaluelist"];

const hidden = (text) => h("span", { class: "visually-hidden" }, text);

function choicesText(values) {
  return (values || []).map((v) => `${v.key} | ${v.name_de} | ${v.name_en}`).join("\n");
}

function parseChoices(text) {
  return String(text || "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [key, de, en] = line.split("|").map((s) => (s || "").trim());
      return { key, name_de: de || key, name_en: en || de || key };
    });
}

function questionBlock(n, q = {}) {
  const box = h(
    "fieldset",
    { class: "bo-sub", dataset: { question: "" } },
    h("legend", {}, t("defcat.question", { n })),
    field({ name: `q_code_${n}`, label: t("defcat.q_code"), hint: t("defcat.q_code_hint"), required: true, value: q.code, attrs: { autocomplete: "off", spellcheck: "false" } }),
    field({
      name: `q_type_${n}`,
      label: t("defcat.q_type"),
      type: "select",
      value: q.datatype || "string",
      options: DATATYPES.map((d) => ({ value: d, label: t(`defcat.type.${d}`) })),
    }),
    h("label", { class: "choice" }, h("input", { type: "checkbox", name: `q_required_${n}`, checked: Boolean(q.required) }), ` ${t("defcat.q_required")}`),
    field({ name: `q_label_de_${n}`, label: t("defcat.q_label_de"), required: true, value: q.label_de }),
    field({ name: `q_label_en_${n}`, label: t("defcat.q_label_en"), required: true, value: q.label_en }),
    field({ name: `q_values_${n}`, label: t("defcat.q_values"), type: "textarea", hint: t("defcat.q_values_hint"), value: choicesText(q.values), attrs: { rows: 3, spellcheck: "false" } }),
  );
  box.append(h("button", { type: "button", class: "secondary", onclick: () => box.remove() }, t("defcat.remove_question", { n })));
  return box;
}

/**
 * Draw a rule's area on the map (click, or move the pin by keyboard and press Enter, corner by corner); the
 * GeoJSON lands in the area field, which stays the alternative for an area exported from a GIS.
 */
function areaDrawing(n, textarea, { municipality, config }) {
  const holder = h("div", { class: "bo-drawing" });
  let corners = [];
  let picker = null;
  let shape = null;
  const redraw = () => {
    if (shape) {
      shape.clearLayers();
      if (corners.length >= 3) L.polygon(corners, { color: "#b35900", interactive: false }).addTo(shape);
      else corners.forEach((c) => L.circleMarker(c, { radius: 4, color: "#b35900", interactive: false }).addTo(shape));
    }
    if (corners.length >= 3) {
      const ring = corners.map(([lat, lon]) => [lon, lat]);
      textarea.value = JSON.stringify({ type: "Polygon", coordinates: [[...ring, ring[0]]] });
    }
    return t("adm.draw_count", { count: corners.length });
  };
  const open = h("button", {
    type: "button",
    class: "secondary",
    onclick: () => {
      open.hidden = true;
      picker = locationPicker({
        municipality,
        config,
        mode: "cursor",
        help: t("adm.draw_help"),
        onSet: (point) => {
          corners.push([point.lat, point.lon]);
          return redraw();
        },
      });
      holder.append(
        picker.element,
        h("p", {}, h("button", { type: "button", class: "secondary", onclick: () => { corners = []; picker.say(redraw()); } }, t("adm.draw_reset"))),
      );
      picker.mount();
      shape = L.layerGroup().addTo(picker.map);
      picker.element.querySelector(".picker-map").focus();
    },
  }, t("defcat.r_draw", { n }));
  holder.append(open);
  return holder;
}

function routeBlock(n, r, { districts, departments, municipality, config }) {
  const where = r.area ? "area" : "district";
  const who = r.external ? "external" : "department";
  const radio = (name, value, checked, label) =>
    h("label", { class: "choice" }, h("input", { type: "radio", name, value, checked }), ` ${label}`);
  const box = h(
    "fieldset",
    { class: "bo-sub", dataset: { route: "" } },
    h("legend", {}, t("defcat.route", { n })),
    field({ name: `r_label_${n}`, label: t("defcat.r_label"), value: r.label }),
    h(
      "fieldset",
      { class: "bo-choice" },
      h("legend", {}, t("defcat.r_where")),
      radio(`r_where_${n}`, "district", where === "district", t("defcat.r_district")),
      radio(`r_where_${n}`, "area", where === "area", t("defcat.r_area")),
    ),
    field({
      name: `r_district_${n}`,
      label: t("defcat.r_district_pick"),
      type: "select",
      value: r.district_id ?? "",
      options: [{ value: "", label: "—" }, ...districts.map((d) => ({ value: d.id, label: d.properties.name }))],
    }),
    h("div", { class: "bo-area", dataset: { area: String(n) } }),
    h(
      "fieldset",
      { class: "bo-choice" },
      h("legend", {}, t("defcat.r_who")),
      radio(`r_who_${n}`, "department", who === "department", t("defcat.r_department")),
      radio(`r_who_${n}`, "external", who === "external", t("defcat.r_external")),
    ),
    field({
      name: `r_department_${n}`,
      label: t("defcat.department"),
      type: "select",
      value: r.department_id ?? "",
      options: [{ value: "", label: "—" }, ...departments.map((d) => ({ value: d.id, label: d.name }))],
    }),
    field({ name: `r_ext_name_${n}`, label: t("defcat.r_ext_name"), value: r.external?.name }),
    field({ name: `r_ext_email_${n}`, label: t("defcat.r_ext_email"), type: "email", value: r.external?.email, autocomplete: "off" }),
    field({ name: `r_ext_phone_${n}`, label: t("defcat.r_ext_phone"), type: "tel", value: r.external?.phone, autocomplete: "off" }),
    field({ name: `r_ext_web_${n}`, label: t("defcat.r_ext_web"), type: "url", value: r.external?.web, autocomplete: "off" }),
  );
  const areaField = field({
    name: `r_area_${n}`,
    label: t("defcat.r_area_json"),
    type: "textarea",
    hint: t("defcat.r_area_hint"),
    value: r.area ? JSON.stringify(r.area) : "",
    attrs: { rows: 3, spellcheck: "false" },
  });
  box.querySelector("[data-area]").append(areaDrawing(n, areaField.input, { municipality, config }), areaField);
  // Show only the inputs the two choices ask for.
  const sync = () => {
    const w = box.querySelector(`input[name="r_where_${n}"]:checked`).value;
    const o = box.querySelector(`input[name="r_who_${n}"]:checked`).value;
    box.querySelector(`[data-field="r_district_${n}"]`).hidden = w !== "district";
    box.querySelector("[data-area]").hidden = w !== "area";
    box.querySelector(`[data-field="r_department_${n}"]`).hidden = o !== "department";
    for (const name of ["name", "email", "phone", "web"]) box.querySelector(`[data-field="r_ext_${name}_${n}"]`).hidden = o !== "external";
  };
  box.addEventListener("change", sync);
  sync();
  box.append(h("button", { type: "button", class: "secondary", onclick: () => box.remove() }, t("defcat.remove_route", { n })));
  return box;
}

function readQuestions(formEl, v) {
  return [...formEl.querySelectorAll("[data-question]")].map((box) => {
    const n = box.querySelector("input").name.split("_").pop();
    const datatype = v[`q_type_${n}`];
    const question = {
      code: v[`q_code_${n}`],
      datatype,
      required: Boolean(v[`q_required_${n}`]),
      label_de: v[`q_label_de_${n}`],
      label_en: v[`q_label_en_${n}`],
      values: datatype.endsWith("valuelist") ? parseChoices(v[`q_values_${n}`]) : [],
    };
    return question;
  });
}

function readRoutes(formEl, v) {
  return [...formEl.querySelectorAll("[data-route]")].map((box) => {
    const n = box.querySelector("input").name.split("_").pop();
    const route = { label: v[`r_label_${n}`] || "" };
    if (v[`r_where_${n}`] === "area") {
      try {
        route.area = JSON.parse(v[`r_area_${n}`] || "null");
      } catch {
        const error = new Error(t("defcat.bad_json"));
        error.errors = [{ field: `r_area_${n}`, detail_de: t("defcat.bad_json", {}, "de"), detail_en: t("defcat.bad_json", {}, "en") }];
        throw error;
      }
    } else {
      route.district_id = v[`r_district_${n}`] ? Number(v[`r_district_${n}`]) : null;
    }
    if (v[`r_who_${n}`] === "external") {
      route.external = { name: v[`r_ext_name_${n}`] || "", email: v[`r_ext_email_${n}`] || null, phone: v[`r_ext_phone_${n}`] || "", web: v[`r_ext_web_${n}`] || "" };
    } else {
      route.department_id = v[`r_department_${n}`] ? Number(v[`r_department_${n}`]) : null;
    }
    return route;
  });
}

const QUESTION_FIELDS = { code: "q_code", datatype: "q_type", required: "q_required", label_de: "q_label_de", label_en: "q_label_en", values: "q_values" };
const ROUTE_FIELDS = { label: "r_label", district_id: "r_district", area: "r_area", department_id: "r_department", external: "r_ext_name" };

/** The server names nested inputs "routes[0].external.web" or "questions.1.code": point them at this form's fields. */
function remapFields(error, formEl) {
  const blocks = { questions: [...formEl.querySelectorAll("[data-question]")], routes: [...formEl.querySelectorAll("[data-route]")] };
  for (const item of (error && error.errors) || []) {
    const parts = String(item.field || "").replace(/\[(\d+)\]/g, ".$1").split(".");
    const box = blocks[parts[0]]?.[Number(parts[1])];
    if (!box) continue;
    const n = box.querySelector("input").name.split("_").pop();
    const [name, sub] = parts.slice(2);
    const prefix = parts[0] === "questions" ? QUESTION_FIELDS[name] : name === "external" && sub ? `r_ext_${sub}` : ROUTE_FIELDS[name];
    if (prefix) item.field = `${prefix}_${n}`;
  }
}

function categoryForm(ctx, category, choices, onDone) {
  const heading = category ? t("defcat.edit", { name: category.name_de }) : t("defcat.new");
  const url = municipalityUrl(ctx.slug, "admin", "defect-categories", ...(category ? [category.id] : []));
  let qCount = 0;
  let rCount = 0;
  const questions = h("div", { class: "bo-list" });
  const routes = h("div", { class: "bo-list" });
  const addQuestion = (q) => {
    qCount += 1;
    const block = questionBlock(qCount, q);
    questions.append(block);
    return block;
  };
  const addRoute = (r) => {
    rCount += 1;
    const block = routeBlock(rCount, r || {}, choices);
    routes.append(block);
    return block;
  };
  (category?.questions || []).forEach((q) => addQuestion(q));
  (category?.routes || []).forEach((r) => addRoute(r));
  const active = choices.departments;
  return h(
    "section",
    { class: "bo-form", "aria-label": heading },
    h("h2", {}, heading),
    form(
      {
        label: heading,
        onSubmit: async (v, formEl) => {
          const body = {
            name_de: v.name_de,
            name_en: v.name_en,
            description_de: v.description_de,
            description_en: v.description_en,
            icon: v.icon,
            department_id: v.department_id ? Number(v.department_id) : null,
            questions: readQuestions(formEl, v),
            routes: readRoutes(formEl, v),
          };
          try {
            if (category) await ctx.api.patch(url, body);
            else await ctx.api.post(url, { ...body, code: v.code });
          } catch (error) {
            remapFields(error, formEl);
            throw error;
          }
          onDone(t("bodef.saved"));
        },
      },
      category
        ? null
        : field({ name: "code", label: t("defcat.code"), hint: t("defcat.code_hint"), required: true, attrs: { autocomplete: "off", spellcheck: "false" } }),
      field({ name: "name_de", label: t("defcat.name_de"), required: true, value: category?.name_de }),
      field({ name: "name_en", label: t("defcat.name_en"), required: true, value: category?.name_en }),
      field({ name: "description_de", label: t("defcat.description_de"), type: "textarea", value: category?.description_de, attrs: { rows: 2 } }),
      field({ name: "description_en", label: t("defcat.description_en"), type: "textarea", value: category?.description_en, attrs: { rows: 2 } }),
      field({
        name: "icon",
        label: t("defcat.icon"),
        type: "select",
        value: category?.icon || "warning",
        options: choices.icons.map((i) => ({ value: i.key, label: currentLang() === "en" ? i.label_en : i.label_de })),
      }),
      field({
        name: "department_id",
        label: t("defcat.department"),
        type: "select",
        value: category?.department_id ?? "",
        options: [{ value: "", label: t("defcat.department_default") }, ...active.map((d) => ({ value: d.id, label: d.name }))],
      }),
      h(
        "fieldset",
        { class: "bo-group" },
        h("legend", {}, t("defcat.questions")),
        questions,
        h("button", { type: "button", class: "secondary", onclick: () => addQuestion({}).querySelector("input").focus() }, t("defcat.add_question")),
      ),
      h(
        "fieldset",
        { class: "bo-group" },
        h("legend", {}, t("defcat.routes")),
        h("p", { class: "hint" }, t("defcat.routes_hint")),
        routes,
        h("button", { type: "button", class: "secondary", onclick: () => addRoute({}).querySelector("input").focus() }, t("defcat.add_route")),
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

function routeSummary(r) {
  const place = r.district_id ? t("defcat.r_summary_district", { place: r.district || "" }) : t("defcat.r_summary_area", { place: r.label || "" });
  const who = r.external ? t("defcat.r_summary_external", { name: r.external.name }) : r.department || "";
  return `${place}: ${who}`;
}

function categoryItem(c, index, total, act) {
  const name = currentLang() === "en" ? c.name_en : c.name_de;
  return h(
    "li",
    { class: "bo-card", dataset: { category: c.code } },
    h("h3", {}, name, " ", c.retired ? h("span", { class: "bo-badge bo-badge-retired" }, t("bodef.retired")) : null),
    h("p", {}, t("defcat.goes_to", { name: c.department || t("defcat.department_default") }), " · ", t("defcat.reports", { count: c.report_count })),
    c.routes.length ? h("ul", { class: "bo-plain" }, c.routes.map((r) => h("li", {}, routeSummary(r)))) : null,
    h(
      "p",
      { class: "bo-actions" },
      h("button", { type: "button", class: "secondary", disabled: index === 0, "aria-label": t("defcat.up_named", { name }), onclick: () => act("up", c) }, `↑ ${t("defcat.up")}`),
      h("button", { type: "button", class: "secondary", disabled: index === total - 1, "aria-label": t("defcat.down_named", { name }), onclick: () => act("down", c) }, `↓ ${t("defcat.down")}`),
      h("button", { type: "button", class: "secondary", onclick: () => act("edit", c) }, t("bodef.edit"), hidden(`: ${name}`)),
      h("button", { type: "button", class: "secondary", onclick: () => act(c.retired ? "reactivate" : "retire", c) }, t(c.retired ? "bodef.reactivate" : "bodef.retire"), hidden(`: ${name}`)),
      c.report_count ? null : h("button", { type: "button", class: "secondary", onclick: () => act("delete", c) }, t("bodef.delete"), hidden(`: ${name}`)),
    ),
  );
}

export async function render(root, params, ctx) {
  const content = adminFrame(root, ctx, "categories");
  if (!content) return;
  const base = (...parts) => municipalityUrl(ctx.slug, "admin", ...parts);
  const [icons, departments, municipality] = await Promise.all([
    ctx.api.get(base("defect-icons"), { signal: ctx.signal }),
    ctx.api.get(base("departments"), { signal: ctx.signal }),
    ctx.api.get(municipalityUrl(ctx.slug), { signal: ctx.signal }),
  ]);
  const choices = {
    icons,
    departments: departments.filter((d) => !d.retired),
    districts: municipality.districts?.features || [],
    municipality,
    config: ctx.config,
  };
  const status = h("div", { class: "bo-status", role: "status", "aria-live": "polite" });
  const problem = h("div");
  const editor = h("div");
  const list = h("ol", { class: "bo-cards", "aria-label": t("defcat.list") });
  const newButton = h("button", { type: "button", class: "primary", onclick: () => open(null) }, t("defcat.new"));
  content.append(status, problem, h("p", {}, newButton), editor, list);
  function draw(items) {
    list.replaceChildren(...items.map((c, i) => categoryItem(c, i, items.length, act)));
  }

  async function load() {
    draw(await ctx.api.get(base("defect-categories"), { signal: ctx.signal }));
  }

  function open(category) {
    newButton.hidden = true;
    list.hidden = true;
    editor.replaceChildren(
      categoryForm(ctx, category, choices, async (message) => {
        editor.replaceChildren();
        newButton.hidden = false;
        list.hidden = false;
        if (message) {
          status.textContent = message;
          await load();
        }
        newButton.focus();
      }),
    );
    editor.querySelector("input, select, textarea").focus();
  }

  async function act(action, c) {
    problem.replaceChildren();
    try {
      if (action === "edit") return open(c);
      if (action === "up" || action === "down") {
        const items = await ctx.api.post(base("defect-categories", c.id, "move"), { direction: action });
        draw(items);
        const index = items.findIndex((i) => i.id === c.id);
        const name = currentLang() === "en" ? c.name_en : c.name_de;
        status.textContent = t("defcat.moved", { name, n: index + 1 });
        // Keep the keyboard on the moved category: the same button, or the other one at the list's end.
        const item = list.children[index];
        const button = item.querySelectorAll("button")[action === "up" ? 0 : 1];
        (button.disabled ? item.querySelectorAll("button")[action === "up" ? 1 : 0] : button).focus();
        return;
      }
      if (action === "delete") {
        if (!window.confirm(t("bodef.confirm_delete", { name: c.name_de }))) return;
        await ctx.api.delete(base("defect-categories", c.id));
        status.textContent = t("bodef.deleted");
      } else {
        await ctx.api.patch(base("defect-categories", c.id), { retired: action === "retire" });
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
