/** A new proposal: title (with similar proposals shown while typing), text, topic, and a place:
 *  a pin on the map, a district from a list (the keyboard-friendly way), or no place at all.
 *  The same screen edits one's proposal (route …/proposals/:id/edit) until the first comment or vote. */
import "../messages-proposals.js";
import { municipalityUrl } from "../api.js";
import { h, uid } from "../dom.js";
import { field, form } from "../forms.js";
import { t } from "../i18n.js";
import { locationPicker } from "../map/location-picker.js";
import { proposalItem } from "./proposal-parts.js";

export async function render(root, params, ctx) {
  const slug = params.slug;
  const url = (...parts) => municipalityUrl(slug, ...parts);
  const editing = params.path.includes("/proposals/")
    ? await ctx.api.get(url("proposals", params.id), { signal: ctx.signal })
    : null;
  const consultationId = editing ? editing.consultation_id : params.id;
  const [consultation, municipality] = await Promise.all([
    ctx.api.get(url("consultations", consultationId), { signal: ctx.signal }),
    ctx.api.get(url(), { signal: ctx.signal }),
  ]);
  const start = editing && editing.location ? { lat: editing.location.lat, lon: editing.location.lon } : null;
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
    const pin = picker.value();
    if (pin) Object.assign(query, { lat: pin.lat, lon: pin.lon });
    const found = await ctx.api.get(url("consultations", consultationId, "similar", query));
    // replaceChildren takes nodes as separate arguments (an array would print as "[object HTML…]").
    similarBox.replaceChildren(
      ...(found.length ? [h("h2", {}, t("new.similar")), h("ul", { class: "cards" }, found.map((p) => proposalItem(slug, p)))] : []),
    );
  }
  title.input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(findSimilar, 300);
  });
  const where = h(
    "fieldset",
    { class: "field", dataset: { field: "location", focus: "pin-map" } },
    h("legend", {}, t("new.where")),
    ["map", "district", "none"].map((value) =>
      h(
        "label",
        { class: "choice" },
        h("input", { type: "radio", name: "where", value, checked: value === initialWhere }),
        ` ${t(`new.where_${value}`)}`,
      ),
    ),
    h("p", { class: "field-error", id: uid("where-error"), hidden: true }),
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
  const picker = locationPicker({
    municipality,
    config: ctx.config,
    value: start,
    id: "pin-map",
    onSet: () => {
      where.querySelector('input[name="where"][value="map"]').checked = true;
      findSimilar();
    },
  });
  const theForm = form(
    {
      label: editing ? t("new.edit_title") : t("new.title"),
      privacy: true,
      // Chosen "on the map" but no point set: refused at the map field instead of saving without a place.
      check: (data) =>
        data.where === "map" && !picker.value()
          ? [{ field: "location", detail_de: t("new.pin_missing", {}, "de"), detail_en: t("new.pin_missing", {}, "en") }]
          : [],
      onSubmit: async (data) => {
        const body = { title: data.title, body: data.body, category: data.category };
        const pin = picker.value();
        if (data.where === "map") body.location = { lat: pin.lat, lon: pin.lon };
        if (data.where === "district") body.district_id = Number(data.district_id);
        let created;
        if (editing) {
          created = await ctx.api.put(url("proposals", editing.id), body);
        } else {
          const upload = new FormData(); // one request: the proposal's JSON and its photos
          upload.append("proposal", JSON.stringify(body));
          for (const file of photos.input.files || []) upload.append("photos", file);
          created = await ctx.api.upload(url("consultations", consultationId, "proposals"), upload);
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
    picker.element,
    photos,
    h("button", { type: "submit", class: "primary" }, t("new.submit")),
  );
  root.append(h("h1", {}, editing ? t("new.edit_title") : t("new.title")), h("p", { class: "lead" }, consultation.title), theForm);
  picker.mount();
  return () => picker.destroy();
}
