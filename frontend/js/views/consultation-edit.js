/** Admins create or change a consultation: text, area (whole municipality), voting settings and dated phases. */
// Note: the summary field is named "summary_text" because a form control named "summary" would shadow form.summary (forms.js).
import "../messages-proposals.js";
import { municipalityUrl, request } from "../api.js";
import { h } from "../dom.js";
import { field, form } from "../forms.js";
import { t } from "../i18n.js";
import { L } from "../map/base.js";
import { locationPicker } from "../map/location-picker.js";

const RIGHTS = ["may_propose", "may_comment", "may_vote"];

function localInput(value) {
  const d = new Date(value);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "Vorschau": the server renders the typed Markdown with the code that renders it on saving; the answer is
 * HTML already cleaned by nh3, so it may be set as HTML (the typed text itself never is). */
function textPreview(ctx, previewUrl, textarea) {
  const output = h("div", { class: "text-preview-output" });
  const shown = h("div", { id: "consultation-preview", hidden: true, "aria-live": "polite" }, h("h2", {}, t("adm.preview_title")), output);
  const show = async () => {
    const { html } = await ctx.api.post(previewUrl, { text: textarea.value });
    output.replaceChildren();
    if (html) output.innerHTML = html;
    else output.append(h("p", { class: "muted" }, t("adm.preview_empty")));
    shown.hidden = false;
  };
  return h(
    "section",
    { class: "text-preview" },
    h("p", {}, h("button", { type: "button", class: "secondary", "aria-controls": "consultation-preview", onclick: show }, t("adm.preview"))),
    shown,
  );
}

function phaseRow(index, phase) {
  return h(
    "fieldset",
    { class: "phase", dataset: { phase: String(index) } },
    h("legend", {}, t("adm.phase", { n: index + 1 })),
    field({ name: `phase_name_${index}`, label: t("adm.phase_name"), value: phase.name_de || "" }),
    field({ name: `phase_starts_${index}`, label: t("adm.starts"), type: "datetime-local", value: phase.starts_at ? localInput(phase.starts_at) : "" }),
    field({ name: `phase_ends_${index}`, label: t("adm.ends"), type: "datetime-local", value: phase.ends_at ? localInput(phase.ends_at) : "" }),
    RIGHTS.map((right) =>
      h(
        "label",
        { class: "choice" },
        h("input", { type: "checkbox", name: `phase_${right}_${index}`, checked: Boolean(phase[right]) }),
        ` ${t(`cons.${right}`)}`,
      ),
    ),
  );
}

export async function render(root, params, ctx) {
  const slug = params.slug;
  const url = (...parts) => municipalityUrl(slug, "consultations", ...parts);
  const existing = params.id ? await ctx.api.get(url(params.id), { signal: ctx.signal }) : null;
  const municipality = await ctx.api.get(municipalityUrl(slug), { signal: ctx.signal });
  const c = existing || { phases: [], status: "draft", voting_mode: "support", vote_limit: 0, support_threshold: 0 };
  const phases = h("div", { id: "phases" });
  let count = 0;
  const addPhase = (phase = {}) => {
    phases.append(phaseRow(count, phase));
    count += 1;
  };
  (c.phases.length ? c.phases : [{}]).forEach(addPhase);
  const kinds = ["municipality", "districts", "polygon"];
  // The drawn area: corners clicked on the map (the district choice is the keyboard-friendly alternative).
  let corners = c.area_polygon ? c.area_polygon.coordinates[0].slice(0, -1).map(([lon, lat]) => [lat, lon]) : [];
  const area = h(
    "fieldset",
    { class: "field", dataset: { field: "area_districts" } },
    h("legend", {}, t("adm.area")),
    kinds.map((kind) =>
      h(
        "label",
        { class: "choice" },
        h("input", { type: "radio", name: "area_kind", value: kind, checked: (c.area_kind || "municipality") === kind }),
        ` ${t(`adm.area_${kind}`)}`,
      ),
    ),
    h(
      "div",
      { class: "choices" },
      municipality.districts.features.map((f) =>
        h(
          "label",
          { class: "choice" },
          h("input", {
            type: "checkbox",
            name: `district_${f.id}`,
            checked: (c.area_districts || []).includes(f.id),
          }),
          ` ${f.properties.name}`,
        ),
      ),
    ),
    h("p", { class: "field-error", hidden: true }),
  );
  // Corners are set with the location picker in cursor mode: click, or move the pin by keyboard and press Enter.
  const picker = locationPicker({
    municipality,
    config: ctx.config,
    mode: "cursor",
    id: "area-map",
    help: t("adm.draw_help"),
    onSet: (point) => {
      corners.push([point.lat, point.lon]);
      theForm.querySelector('input[name="area_kind"][value="polygon"]').checked = true;
      return redraw();
    },
  });
  const drawing = h(
    "div",
    { class: "area-drawing" },
    picker.element,
    h("p", {}, h("button", { type: "button", class: "secondary", onclick: () => { corners = []; redraw(); } }, t("adm.draw_reset"))),
  );
  const bodyField = field({ name: "body", label: t("adm.body"), type: "textarea", hint: t("adm.body_hint"), value: c.body, attrs: { rows: 8 } });
  const preview = textPreview(ctx, url("preview"), bodyField.input);
  const cover = field({ name: "cover", label: t("adm.cover"), type: "file", attrs: { accept: "image/jpeg,image/png,image/webp" } });
  const theForm = form(
    {
      label: existing ? t("adm.edit") : t("adm.new"),
      onSubmit: async (data) => {
        const body = {
          title: data.title,
          summary: data.summary_text,
          body: data.body,
          status: data.status,
          voting_mode: data.voting_mode,
          vote_limit: Number(data.vote_limit || 0),
          support_threshold: Number(data.support_threshold || 0),
          residents_only: Boolean(data.residents_only),
          contact_name: data.contact_name,
          contact_info: data.contact_info,
          area_kind: data.area_kind,
          area_districts: municipality.districts.features
            .filter((f) => data[`district_${f.id}`])
            .map((f) => f.id),
          phases: [],
        };
        if (data.area_kind === "polygon" && corners.length >= 3) {
          const ring = corners.map(([lat, lon]) => [lon, lat]);
          body.area_polygon = { type: "Polygon", coordinates: [[...ring, ring[0]]] };
        }
        for (let i = 0; i < count; i += 1) {
          if (!data[`phase_name_${i}`]) continue;
          const phase = {
            name_de: data[`phase_name_${i}`],
            starts_at: data[`phase_starts_${i}`] ? new Date(data[`phase_starts_${i}`]).toISOString() : null,
            ends_at: data[`phase_ends_${i}`] ? new Date(data[`phase_ends_${i}`]).toISOString() : null,
          };
          for (const right of RIGHTS) phase[right] = Boolean(data[`phase_${right}_${i}`]);
          body.phases.push(phase);
        }
        const saved = existing ? await ctx.api.put(url(existing.id), body) : await ctx.api.post(url(), body);
        const file = cover.input.files && cover.input.files[0];
        if (file) {
          const upload = new FormData();
          upload.append("data", file);
          await request("PUT", url(saved.id, "cover"), { form: upload });
        }
        ctx.navigate(`/m/${slug}/consultations/${saved.id}`);
      },
    },
    field({ name: "title", label: t("adm.title"), required: true, value: c.title }),
    field({ name: "summary_text", label: t("adm.summary"), type: "textarea", value: c.summary }),
    bodyField,
    preview,
    field({
      name: "status",
      label: t("adm.status"),
      type: "select",
      value: c.status,
      options: ["draft", "published", "archived"].map((v) => ({ value: v, label: t(`adm.status_${v}`) })),
    }),
    field({
      name: "voting_mode",
      label: t("adm.voting_mode"),
      type: "select",
      value: c.voting_mode,
      options: ["support", "for_against"].map((v) => ({ value: v, label: t(`adm.mode_${v}`) })),
    }),
    field({ name: "vote_limit", label: t("adm.vote_limit"), type: "number", value: c.vote_limit, attrs: { min: 0 } }),
    field({ name: "support_threshold", label: t("adm.threshold"), type: "number", value: c.support_threshold, attrs: { min: 0 } }),
    h("label", { class: "choice" }, h("input", { type: "checkbox", name: "residents_only", checked: Boolean(c.residents_only) }), ` ${t("adm.residents_only")}`),
    area,
    drawing,
    cover,
    field({ name: "contact_name", label: t("adm.contact_name"), value: c.contact_name }),
    field({ name: "contact_info", label: t("adm.contact_info"), value: c.contact_info }),
    h("h2", {}, t("adm.phases")),
    phases,
    h("p", {}, h("button", { type: "button", class: "secondary", onclick: () => addPhase() }, t("adm.add_phase"))),
    h("button", { type: "submit", class: "primary" }, t("adm.save")),
  );
  root.append(h("h1", {}, existing ? t("adm.edit") : t("adm.new")), theForm);
  picker.mount();
  const shape = L.layerGroup().addTo(picker.map);
  function redraw() {
    shape.clearLayers();
    if (corners.length >= 3) L.polygon(corners, { color: "#b35900", interactive: false }).addTo(shape);
    else corners.forEach((corner) => L.circleMarker(corner, { radius: 4, color: "#b35900", interactive: false }).addTo(shape));
    const text = t("adm.draw_count", { count: corners.length });
    picker.say(text);
    return text;
  }
  redraw();
  return () => picker.destroy();
}
