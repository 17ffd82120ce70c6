/**
 * The report flow: place (map pin, coordinates, or district + street without a map), category and its
 * questions, description, photos with preview, contact. Nearby open reports of the same category are
 * offered first ("betrifft mich auch"). Staff use the same form to file on someone's behalf.
 */
import { municipalityUrl } from "../api.js";
import { h } from "../dom.js";
import { field, form } from "../forms.js";
import { currentLang, formatUnit, t } from "../i18n.js";
import { locationPicker } from "../map/location-picker.js";
import { coordinateValue, parseCoordinate } from "../map/picker-logic.js";
import "../messages-reports.js";

function questionField(q, lang) {
  const label = lang === "en" ? q.label_en : q.label_de;
  const choices = q.values.map((v) => ({ value: v.key, label: lang === "en" ? v.name_en : v.name_de }));
  if (q.datatype === "singlevaluelist") {
    return field({ name: q.code, label, type: "select", required: q.required,
      options: [{ value: "", label: t("report_new.choose") }, ...choices] });
  }
  if (q.datatype === "multivaluelist") {
    return field({ name: q.code, label, type: "select", required: q.required, options: choices,
      attrs: { multiple: true } });
  }
  const type = { number: "number", datetime: "datetime-local", text: "textarea" }[q.datatype] || "text";
  return field({ name: q.code, label, type, required: q.required, attrs: type === "number" ? { step: "any" } : {} });
}

export async function render(root, params, ctx) {
  const slug = params.slug;
  const behalf = params.path.endsWith("/on-behalf");
  const url = (...parts) => municipalityUrl(slug, ...parts);
  const [municipality, categories] = await Promise.all([
    ctx.api.get(url(), { signal: ctx.signal }),
    ctx.api.get(url("defect-categories"), { signal: ctx.signal }),
  ]);
  const lang = currentLang();
  const loggedIn = Boolean(ctx.session.me);

  const lat = field({ name: "lat", label: t("report_new.lat"), hint: t("report_new.coords_hint"), attrs: { inputmode: "decimal" } });
  const lon = field({ name: "lon", label: t("report_new.lon"), attrs: { inputmode: "decimal" } });
  const district = field({
    name: "district_id",
    label: t("report_new.district"),
    type: "select",
    options: [
      { value: "", label: t("report_new.district_none") },
      ...municipality.districts.features.map((f) => ({ value: f.id, label: f.properties.name })),
    ],
  });
  const address = field({ name: "address", label: t("report_new.address"), autocomplete: "street-address" });
  // "Ort" names this field in the error summary; its link there leads to the map.
  const location = h("div", { class: "field", dataset: { field: "location", label: t("report_new.place"), focus: "pick-map" } },
    h("label", { for: lat.input.id }, t("report_new.where_help")), h("p", { class: "field-error", id: "location-error", hidden: true }),
    h("input", { type: "hidden", name: "location" }));

  const category = field({
    name: "category",
    label: t("report_new.category"),
    type: "select",
    required: true,
    options: [{ value: "", label: t("report_new.choose") }, ...categories.map((c) => ({ value: c.code, label: lang === "en" ? c.name_en : c.name_de }))],
  });
  const questions = h("div", { id: "questions" });
  const nearby = h("div", { id: "nearby", "aria-live": "polite" });
  const description = field({ name: "description", label: t("report_new.description"), type: "textarea", hint: t("report_new.description_hint"), attrs: { maxlength: "4000" } });
  const photos = field({ name: "photos", label: t("report_new.photos"), type: "file", hint: t("report_new.photos_hint"),
    attrs: { accept: "image/jpeg,image/png,image/webp", multiple: true } });
  const previews = h("ul", { class: "photo-previews", "aria-live": "polite" });
  photos.input.addEventListener("change", () => {
    previews.replaceChildren(
      ...[...photos.input.files].slice(0, 3).map((file) =>
        h("li", {}, h("img", { src: URL.createObjectURL(file), alt: t("report_new.preview", { name: file.name }), width: "120" })),
      ),
    );
  });

  const email = field({ name: "email", label: t("report_new.email"), type: "email", required: !loggedIn && !behalf,
    autocomplete: behalf ? "off" : "email", hint: t("report_new.email_hint") });
  const name = field({ name: "name", label: t("report_new.name"), autocomplete: behalf ? "off" : "name" });
  const phone = field({ name: "phone", label: t("report_new.phone"), type: "tel", autocomplete: behalf ? "off" : "tel" });
  const channel = behalf
    ? field({ name: "channel", label: t("report_new.channel"), type: "select", required: true,
        options: ["phone", "counter", "letter", "mobile"].map((c) => ({ value: c, label: t(`channel.${c}`) })) })
    : null;

  function questionsOf(code) {
    return (categories.find((c) => c.code === code) || { questions: [] }).questions;
  }
  category.input.addEventListener("change", () => {
    questions.replaceChildren(...questionsOf(category.input.value).map((q) => questionField(q, lang)));
    lookNearby();
  });

  async function lookNearby() {
    const code = category.input.value;
    const la = parseCoordinate(lat.input.value);
    const lo = parseCoordinate(lon.input.value);
    if (!code || la === null || lo === null) return nearby.replaceChildren();
    const found = await ctx.api.get(url("reports", "nearby", { category: code, lat: la, lon: lo }));
    if (!found.length) return nearby.replaceChildren();
    nearby.replaceChildren(
      h("section", { class: "notice", "aria-labelledby": "nearby-heading" },
        h("h2", { id: "nearby-heading" }, t("report_new.nearby")),
        h("p", {}, t("report_new.nearby_intro")),
        h("ul", {}, found.map((n) => h("li", {},
          h("a", { href: `#/m/${slug}/reports/${n.id}` }, t("report_new.nearby_item", { id: n.id, distance: formatUnit(n.distance_m, "meter", "short"), count: n.affected_count })),
          n.description ? ` – ${n.description}` : "")))),
    );
  }
  // The coordinate fields are the map's alternative: typing in them moves the pin too.
  for (const input of [lat.input, lon.input]) {
    input.addEventListener("change", () => {
      const la = parseCoordinate(lat.input.value);
      const lo = parseCoordinate(lon.input.value);
      if (la !== null && lo !== null) picker.set({ lat: la, lon: lo });
      lookNearby();
    });
  }
  const picker = locationPicker({
    municipality,
    config: ctx.config,
    id: "pick-map",
    help: "", // report_new.where_help above already says "click on the map"
    onSet: (point) => {
      lat.input.value = coordinateValue(point.lat);
      lon.input.value = coordinateValue(point.lon);
      lookNearby();
    },
    // The nearest (or chosen) address fills the address field, unless the person typed their own there.
    onAddress: (found) => {
      if (address.input.value.trim() && address.input.value !== filledAddress) return;
      filledAddress = found ? found.label : "";
      address.input.value = filledAddress;
    },
  });
  let filledAddress = "";

  function answers(formEl) {
    const out = {};
    for (const q of questionsOf(category.input.value)) {
      const input = formEl.querySelector(`[name="${CSS.escape(q.code)}"]`);
      if (!input) continue;
      if (q.datatype === "multivaluelist") {
        const chosen = [...input.selectedOptions].map((o) => o.value);
        if (chosen.length) out[q.code] = chosen;
      } else if (input.value !== "") {
        out[q.code] = q.datatype === "number" ? Number(input.value) : input.value;
      }
    }
    return out;
  }

  const theForm = form(
    {
      label: behalf ? t("report_new.title_behalf") : t("report_new.title"),
      privacy: true,
      // No place at all: said with every other missing field, before anything is sent.
      check: (data) =>
        (data.lat === "" || data.lon === "") && !data.district_id
          ? [{ field: "location", detail_de: t("report_new.place_missing", {}, "de"), detail_en: t("report_new.place_missing", {}, "en") }]
          : [],
      onSubmit: async (data, formEl) => {
        const number = (v) => (v === "" || v === undefined ? null : Number(String(v).replace(",", ".")));
        const report = {
          category: data.category,
          lat: number(data.lat),
          lon: number(data.lon),
          district_id: data.district_id ? Number(data.district_id) : null,
          address: data.address || "",
          description: data.description || "",
          answers: answers(formEl),
          email: data.email || null,
          name: data.name || "",
          phone: data.phone || "",
          locale: lang,
        };
        if (behalf) report.channel = data.channel;
        const body = new FormData();
        body.append("report", JSON.stringify(report));
        for (const file of [...photos.input.files]) body.append("photos", file);
        const filed = await ctx.api.upload(behalf ? url("reports", "on-behalf") : url("reports"), body);
        sessionStorage.setItem("stadtstimme.filed", JSON.stringify(filed));
        ctx.navigate(`/m/${slug}/reports/sent/${filed.id}`);
      },
    },
    h("fieldset", {}, h("legend", {}, t("report_new.where")), location, picker.element, lat, lon, district, address),
    h("fieldset", {}, h("legend", {}, t("report_new.what")), category, nearby, questions, description, photos, previews),
    h("fieldset", {}, h("legend", {}, t("report_new.you")), h("p", { class: "hint" }, t("report_new.you_hint")), channel, email, name, phone),
    h("button", { type: "submit", class: "primary" }, t("report_new.submit")),
  );
  root.append(h("h1", {}, behalf ? t("report_new.title_behalf") : t("report_new.title")), h("p", { class: "lead" }, t("report_new.intro")), theForm);

  picker.mount();
  return () => picker.destroy();
}

