/**
 * Back office "Stadtteile": the districts on the map and as a list (rename, delete, edit the area), a GeoJSON
 * upload checked in the browser and previewed on the map before it is saved, drawing a new district, and
 * re-assigning reports and proposals to the districts at their points. The server checks everything again.
 */
import "../../messages-territory.js";
import { municipalityUrl } from "../../api.js";
import { append, clear, h } from "../../dom.js";
import { form, field, notice, showErrors, clearErrors } from "../../forms.js";
import { t } from "../../i18n.js";
import { L, createBaseMap } from "../../map/base.js";
import { checkDistrictFile, uploadOf } from "../../map/district-file.js";
import { drawPolygon, editShape, geometryOf, loadDrawing, stopDrawing } from "../../map/draw.js";
import { adminFrame } from "./frame.js";

/** Replace the children of `el` (null children are skipped). */
const fill = (el, ...children) => append(clear(el), children);

const PREVIEW_STYLE = { color: "#b5179e", weight: 3, dashArray: null, fillColor: "#f7aef8", fillOpacity: 0.4 };

export async function render(root, params, ctx) {
  const content = adminFrame(root, ctx, "districts");
  if (!content) return;
  const slug = params.slug;
  const url = (...parts) => municipalityUrl(slug, ...parts);
  const drawing = await loadDrawing().then(
    () => true,
    () => false,
  );
  let municipality = await ctx.api.get(url(), { signal: ctx.signal });

  const status = h("div", { class: "district-status", id: "district-status", role: "status", "aria-live": "polite" });
  const mapBox = h("div", { id: "district-map", class: "map-frame" });
  const listBox = h("div", { id: "district-admin-list" });
  const previewBox = h("div", { id: "district-preview", hidden: true });
  content.append(
    status,
    h(
      "div",
      { class: "map-page" },
      h("section", { class: "map-section", "aria-labelledby": "district-map-heading" },
        h("h2", { id: "district-map-heading" }, t("districts.current")),
        mapBox,
        ctx.config.tile_url ? null : h("p", { class: "map-note" }, t("map.no_tiles")),
      ),
      listBox,
    ),
  );

  let base = null;
  let preview = null; // the previewed layer of an uploaded file, until saved or discarded
  let pending = null; // a drawn layer waiting for its name
  let stopEditing = null;

  const say = (message, kind = "success") => {
    fill(status, notice(message, { kind }));
  };

  function drawMap() {
    if (base) base.destroy();
    base = createBaseMap(mapBox, { municipality, config: ctx.config });
    // Here a click on a district must not zoom to it: it places a corner while drawing (the list shows districts).
    base.districts.eachLayer((layer) => layer.off("click"));
  }

  function resetWork() {
    if (stopEditing) stopEditing();
    stopEditing = null;
    if (preview) preview.remove();
    preview = null;
    if (pending) pending.remove();
    pending = null;
    if (base) stopDrawing(base.map);
  }

  async function reload() {
    resetWork();
    municipality = await ctx.api.get(url());
    drawMap();
    drawList();
  }

  // ---- the current districts: list with rename, delete and edit --------------------------------------------
  function drawList() {
    const features = [...municipality.districts.features].sort((a, b) =>
      String(a.properties.name).localeCompare(String(b.properties.name), "de"),
    );
    const drawn = features.filter((f) => f.geometry).length;
    fill(listBox, 
      h(
        "section",
        { class: "map-list", "aria-labelledby": "district-list-heading" },
        h("h2", { id: "district-list-heading" }, t("list.heading")),
        h("p", {}, features.length ? t("districts.count", { count: features.length, drawn }) : t("districts.none")),
        h("ul", { class: "district-admin-list" }, features.map(districtItem)),
      ),
    );
  }

  function districtItem(feature) {
    const name = String(feature.properties.name);
    const actions = h("div", { class: "district-actions" });
    const item = h(
      "li",
      { dataset: { id: feature.id } },
      h("span", { class: "feature-name" }, name),
      feature.geometry ? null : h("span", { class: "feature-detail" }, ` – ${t("districts.no_shape")}`),
      actions,
    );
    const button = (text, onclick, label) =>
      h("button", { type: "button", class: "link-button", onclick, "aria-label": label || null }, text);
    const showActions = () => {
      fill(actions, 
        feature.geometry
          ? button(t("list.show_on_map", { name }), () => {
              base.showDistrict(feature.id);
              mapBox.scrollIntoView({ block: "nearest" });
            })
          : null,
        button(t("districts.rename"), rename, `${t("districts.rename")}: ${name}`),
        drawing && feature.geometry ? button(t("districts.edit_shape"), edit, `${t("districts.edit_shape")}: ${name}`) : null,
        button(t("districts.delete"), remove, `${t("districts.delete")}: ${name}`),
      );
    };
    function rename() {
      const renameForm = form(
        {
          label: t("districts.rename_label", { name }),
          onSubmit: async (values) => {
            await ctx.api.patch(url("districts", feature.id), { name: values.name });
            await reload();
            say(t("districts.renamed", { name: values.name.trim() }));
          },
        },
        field({ name: "name", label: t("districts.rename_label", { name }), value: name, required: true, attrs: { maxlength: 100 } }),
        h("div", { class: "actions" },
          h("button", { type: "submit", class: "primary" }, t("districts.rename_save")),
          h("button", { type: "button", class: "secondary", onclick: showActions }, t("districts.cancel")),
        ),
      );
      fill(actions, renameForm);
      renameForm.querySelector("input").focus();
    }
    function remove() {
      const yes = h("button", { type: "button", class: "primary" }, t("districts.delete_yes", { name }));
      yes.addEventListener("click", async () => {
        await ctx.api.delete(url("districts", feature.id));
        await reload();
        say(t("districts.deleted", { name }));
        document.getElementById("reassign-button")?.focus();
      });
      fill(actions, 
        h("p", { role: "alert" }, t("districts.delete_confirm", { name })),
        h("div", { class: "actions" }, yes, h("button", { type: "button", class: "secondary", onclick: showActions }, t("districts.cancel"))),
      );
      yes.focus();
    }
    function edit() {
      resetWork();
      const layer = base.districtLayers.get(feature.id);
      if (!layer) return;
      base.showDistrict(feature.id);
      stopEditing = editShape(layer);
      const save = h("button", { type: "button" }, t("districts.edit_save", { name }));
      const errorBox = h("div", { class: "error-text", role: "alert" });
      save.addEventListener("click", async () => {
        errorBox.textContent = "";
        try {
          await ctx.api.put(url("districts"), uploadOf([{ name, geometry: geometryOf(layer) }]));
        } catch (error) {
          errorBox.textContent = error.message_for ? error.message_for() : String(error);
          return;
        }
        await reload();
        say(`${t("districts.saved", { count: 1 })} ${t("districts.saved_reassign")}`);
      });
      fill(actions, 
        h("p", { class: "hint" }, t("districts.edit_hint", { name })),
        errorBox,
        h("div", { class: "actions" }, save, h("button", { type: "button", class: "secondary", onclick: () => reload() }, t("districts.cancel"))),
      );
      save.focus();
    }
    showActions();
    return item;
  }

  // ---- upload a file: check, preview, save -----------------------------------------------------------------
  const fileField = field({
    name: "file",
    type: "file",
    label: t("districts.file"),
    hint: t("districts.file_hint"),
    attrs: { accept: ".geojson,.json,application/geo+json,application/json" },
  });
  const uploadForm = form(
    { label: t("districts.upload"), onSubmit: async () => {} },
    fileField,
  );
  fileField.input.addEventListener("change", async () => {
    clearErrors(uploadForm);
    resetWork();
    previewBox.hidden = true;
    const file = fileField.input.files[0];
    if (!file) return;
    const { features, errors } = checkDistrictFile(await file.text());
    if (errors.length) {
      showErrors(uploadForm, { errors: errors.map((message) => ({ field: "file", detail_de: message, detail_en: message })) });
      return;
    }
    showPreview(features);
  });

  function showPreview(features) {
    preview = L.geoJSON(uploadOf(features), { style: () => ({ ...PREVIEW_STYLE }), interactive: false }).addTo(base.map);
    base.map.fitBounds(preview.getBounds().extend(base.boundary.getBounds()), { padding: [8, 8] });
    const known = new Map(municipality.districts.features.map((f) => [String(f.properties.name), Boolean(f.geometry)]));
    const fate = (name) =>
      !known.has(name) ? t("districts.preview_new") : known.get(name) ? t("districts.preview_replaces") : t("districts.preview_first_shape");
    const saveForm = form(
      {
        label: t("districts.preview"),
        onSubmit: async () => {
          await ctx.api.put(url("districts"), uploadOf(features));
          previewBox.hidden = true;
          fileField.input.value = "";
          await reload();
          say(`${t("districts.saved", { count: features.length })} ${t("districts.saved_reassign")}`);
          document.getElementById("reassign-button")?.focus();
        },
      },
      h("p", {}, t("districts.preview_count", { count: features.length })),
      h(
        "ul",
        { class: "feature-list", id: "preview-names" },
        features.map((f) =>
          h("li", {}, h("span", { class: "feature-name" }, f.name), h("span", { class: "feature-detail" }, ` – ${fate(f.name)}`)),
        ),
      ),
      h("div", { class: "actions" },
        h("button", { type: "submit", class: "primary" }, t("districts.save")),
        h("button", {
          type: "button",
          class: "secondary",
          onclick: () => {
            resetWork();
            previewBox.hidden = true;
            fileField.input.value = "";
            fileField.input.focus();
          },
        }, t("districts.discard")),
      ),
    );
    fill(previewBox, h("h3", {}, t("districts.preview")), saveForm);
    previewBox.hidden = false;
    previewBox.querySelector("h3").setAttribute("tabindex", "-1");
    previewBox.querySelector("h3").focus();
  }

  content.append(
    h("section", { class: "admin-block", "aria-labelledby": "upload-heading" },
      h("h2", { id: "upload-heading" }, t("districts.upload")),
      h("p", {}, t("districts.upload_intro")),
      h("p", {}, t("districts.boundary_rule")),
      uploadForm,
      previewBox,
    ),
  );

  // ---- draw a new district ---------------------------------------------------------------------------------
  if (drawing) {
    const drawStatus = h("p", { class: "hint", id: "draw-status" });
    const nameField = field({ name: "name", label: t("districts.draw_name"), required: true, attrs: { maxlength: 100 } });
    const drawForm = form(
      {
        label: t("districts.draw"),
        onSubmit: async (values) => {
          if (!pending) throw { errors: [{ field: null, detail_de: t("districts.draw_missing"), detail_en: t("districts.draw_missing") }] };
          await ctx.api.put(url("districts"), uploadOf([{ name: values.name.trim(), geometry: geometryOf(pending) }]));
          nameField.input.value = "";
          drawStatus.textContent = "";
          await reload();
          say(`${t("districts.saved", { count: 1 })} ${t("districts.saved_reassign")}`);
        },
      },
      h("div", { class: "actions" },
        h("button", {
          type: "button",
          class: "secondary",
          id: "draw-start",
          onclick: () => {
            resetWork();
            drawStatus.textContent = t("districts.draw_active");
            mapBox.scrollIntoView({ block: "nearest" });
            drawPolygon(base.map, (layer) => {
              pending = layer;
              drawStatus.textContent = "";
              nameField.input.focus();
            });
          },
        }, t("districts.draw_start")),
      ),
      drawStatus,
      nameField,
      h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, t("districts.draw_save"))),
    );
    content.append(
      h("section", { class: "admin-block", "aria-labelledby": "draw-heading" },
        h("h2", { id: "draw-heading" }, t("districts.draw")),
        h("p", {}, t("districts.draw_intro")),
        drawForm,
      ),
    );
  }

  // ---- re-assign reports and proposals ---------------------------------------------------------------------
  const reassignResult = h("div", { id: "reassign-result", role: "status" });
  const reassignForm = form(
    {
      label: t("districts.reassign"),
      onSubmit: async () => {
        const result = await ctx.api.post(url("districts", "reassign"));
        fill(reassignResult, 
          notice(
            `${t("districts.reassign_reports", { count: result.reports.checked, changed: result.reports.changed })} ${t(
              "districts.reassign_proposals",
              { count: result.proposals.checked, changed: result.proposals.changed },
            )}`,
            { kind: "success" },
          ),
        );
      },
    },
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "reassign-button" }, t("districts.reassign_button"))),
  );
  content.append(
    h("section", { class: "admin-block", "aria-labelledby": "reassign-heading" },
      h("h2", { id: "reassign-heading" }, t("districts.reassign")),
      h("p", {}, t("districts.reassign_intro")),
      reassignForm,
      reassignResult,
    ),
  );

  drawMap();
  drawList();
  return () => {
    resetWork();
    if (base) base.destroy();
  };
}
