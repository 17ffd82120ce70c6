/** A new proposal: title (with similar proposals shown while typing), text, topic, and a place:
 *  a pin on the map, a district from a list (the keyboard-friendly way), or no place at all.
 *  The same screen edits one's proposal (route …/proposals/:id/edit) until the first comment or vote. */
import "../messages-proposals.js";
import { h } from "../dom.js";
import { field, form } from "../forms.js";
import { t } from "../i18n.js";
import { createBaseMap, L } from "../map/base.js";
import { proposalItem } from "./proposal-parts.js";

export async function render(root, params, ctx) {
  const slug = params.slug;
  const base = `/api/v1/municipalities/${encodeURIComponent(slug)}`;
  const editing = params.path.includes("/proposals/")
    ? await ctx.api.get(`${base}/proposals/${params.id}`, { signal: ctx.signal })
    : null;
  const consultationId = editing ? editing.consultation_id : params.id;
  const [consultation, municipality] = await Promise.all([
    ctx.api.get(`${base}/consultations/${consultationId}`, { signal: ctx.signal }),
    ctx.api.get(base, { signal: ctx.signal }),
  ]);
  let pin = editing && editing.location ? { lat: editing.location.lat, lng: editing.location.lon } : null;
  const initialWhere = editing ? (editing.location ? "map" : editing.district ? "district" : "none") : "none";
  const similarBox = h("div", { "aria-live": "polite", id: "similar" });
  const title = field({
    name: "title",
    label: t("new.title_label"),
    required: true,
    hint: t("new.title_hint"),
    value: editing ? editing.title : "",
  });
  let timer = null;
  async function findSimilar() {
    const query = { title: title.input.value };
    if (pin) Object.assign(query, { lat: pin.lat, lon: pin.lng });
    const found = await ctx.api.get(`${base}/consultations/${consultationId}/similar`, { query });
    similarBox.replaceChildren(
      found.length ? [h("h2", {}, t("new.similar")), h("ul", { class: "cards" }, found.map((p) => proposalItem(slug, p)))] : "",
    );
  }
  title.input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(findSimilar, 300);
  });
  const where = h(
    "fieldset",
    { class: "field", dataset: { field: "location" } },
    h("legend", {}, t("new.where")),
    ["map", "district", "none"].map((value) =>
      h(
        "label",
        { class: "choice" },
        h("input", { type: "radio", name: "where", value, checked: value === initialWhere }),
        ` ${t(`new.where_${value}`)}`,
      ),
    ),
    h("p", { class: "field-error", hidden: true }),
  );
  const district = field({
    name: "district_id",
    label: t("cons.district"),
    type: "select",
    value: editing && editing.district ? editing.district.id : undefined,
    options: municipality.districts.features.map((f) => ({ value: f.id, label: f.properties.name })),
  });
  const category = field({
    name: "category",
    label: t("cons.category"),
    type: "select",
    value: editing ? editing.category : "",
    options: [{ value: "", label: "–" }].concat(consultation.categories.map((c) => ({ value: c, label: c }))),
  });
  // Photos go with the new proposal in the same request; editing changes the text and place only.
  const photos = editing
    ? null
    : field({ name: "photos", label: t("new.photo"), type: "file", attrs: { accept: "image/jpeg,image/png,image/webp", multiple: true } });
  const mapBox = h("div", { class: "map-frame", id: "pin-map" });
  const pinStatus = h("p", { role: "status" });
  const theForm = form(
    {
      label: editing ? t("new.edit_title") : t("new.title"),
      onSubmit: async (data) => {
        const body = { title: data.title, body: data.body, category: data.category };
        if (data.where === "map" && pin) body.location = { lat: pin.lat, lon: pin.lng };
        if (data.where === "district") body.district_id = Number(data.district_id);
        let created;
        if (editing) {
          created = await ctx.api.put(`${base}/proposals/${editing.id}`, body);
        } else {
          const upload = new FormData();
          upload.append("proposal", JSON.stringify(body));
          for (const file of photos.input.files || []) upload.append("photos", file);
          created = await ctx.api.upload(`${base}/consultations/${consultationId}/proposals`, upload);
        }
        ctx.navigate(`/m/${slug}/proposals/${created.id}`);
      },
    },
    title,
    similarBox,
    field({ name: "body", label: t("new.body_label"), type: "textarea", value: editing ? editing.body : "" }),
    category,
    where,
    district,
    h("p", {}, t("new.map_help")),
    mapBox,
    pinStatus,
    photos,
    h("button", { type: "submit", class: "primary" }, t("new.submit")),
  );
  root.append(h("h1", {}, editing ? t("new.edit_title") : t("new.title")), h("p", { class: "lead" }, consultation.title), theForm);
  const map = createBaseMap(mapBox, { municipality, config: ctx.config, districtLabels: false });
  let marker = pin ? L.marker(pin).addTo(map.map) : null;
  map.map.on("click", (event) => {
    pin = event.latlng;
    if (marker) marker.setLatLng(pin);
    else marker = L.marker(pin).addTo(map.map);
    theForm.querySelector('input[name="where"][value="map"]').checked = true;
    pinStatus.textContent = t("new.pin_set");
    findSimilar();
  });
  return () => map.destroy();
}
