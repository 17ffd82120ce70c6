/**
 * The municipality profile (back office section "profile"): contact, council, colour with a live contrast
 * preview, logo upload with preview and removal, open data licence and the map background. The server checks
 * every value again (PATCH …/profile; the logo through the photo intake at PUT/DELETE …/profile/logo).
 */
import "../../messages-profile.js";
import { municipalityUrl, request } from "../../api.js";
import { contrastWithWhite } from "../../profile-rules.js";
import { h } from "../../dom.js";
import { clearErrors, field, form, notice, showErrors } from "../../forms.js";
import { t } from "../../i18n.js";
import { adminFrame } from "./frame.js";

const LICENCES = [
  ["dl-de/by-2-0", "profile.licence_dl_by"],
  ["dl-de/zero-2-0", "profile.licence_dl_zero"],
  ["CC-BY-4.0", "profile.licence_cc_by"],
  ["CC0-1.0", "profile.licence_cc0"],
];
const COUNCILS = ["Stadtverordnetenversammlung", "Gemeindevertretung"];

/** A wrapper the error summary can name (data-field) around controls field() does not draw. */
function fieldBox(name, ...children) {
  return h("div", { class: "field", dataset: { field: name } }, ...children);
}

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  return el;
}

/**
 * The sample button and the computed ratio, redrawn on every change of the colour. The sample is a picture of a
 * button (SVG, presentation attributes only), so a too-light colour can be shown as it would look without the
 * page itself breaking the contrast rule; the ratio and the verdict say the same in words.
 */
function contrastPreview(input) {
  const sample = svg("svg", { class: "profile-sample", width: 224, height: 44, viewBox: "0 0 224 44", "aria-hidden": "true", focusable: "false" });
  const button = svg("rect", { x: 1, y: 1, width: 222, height: 42, rx: 6 });
  const label = svg("text", { x: 112, y: 28, "text-anchor": "middle", fill: "#ffffff", "font-weight": 600, "font-size": 16 });
  label.textContent = t("profile.sample_button");
  sample.append(button, label);
  const verdict = h("p", { class: "profile-contrast", role: "status", "aria-live": "polite" });
  const update = () => {
    const result = contrastWithWhite(input.value);
    if (!result) return;
    button.setAttribute("fill", input.value);
    verdict.textContent = t(result.passes ? "profile.contrast_ok" : "profile.contrast_low", { ratio: result.ratio });
    verdict.classList.toggle("error-text", !result.passes);
  };
  input.addEventListener("input", update);
  update();
  return h("div", { class: "profile-preview" }, sample, verdict);
}

export async function render(root, params, ctx) {
  const content = adminFrame(root, ctx, "profile");
  if (!content) return;
  const url = (...parts) => municipalityUrl(params.slug, "profile", ...parts);
  let profile = await ctx.api.get(url(), { signal: ctx.signal });
  // Confirmations appear where the person acted: under the logo buttons, and above the save button.
  const logoStatus = h("div", { class: "profile-status" });
  const status = h("div", { class: "profile-status" });

  /** The header, the colour and the municipality list follow a saved profile at once (no reload). */
  const applied = (saved) => {
    profile = saved;
    const summary = ctx.municipalities.find((m) => m.slug === params.slug);
    if (summary) {
      Object.assign(summary, {
        name: saved.name,
        brand_color: saved.brand_color,
        logo_url: saved.logo_url,
        council_name: saved.council_name,
        tiles_enabled: saved.tiles_enabled,
      });
    }
    if (ctx.redrawFrame) ctx.redrawFrame();
  };
  const say = (key, where = status) => where.replaceChildren(notice(t(key), { kind: "success" }));

  const colour = field({
    name: "brand_color",
    label: t("profile.colour"),
    type: "color",
    hint: t("profile.colour_hint"),
    value: profile.brand_color,
  });
  const councils = h("datalist", { id: "profile-councils" }, COUNCILS.map((name) => h("option", { value: name })));
  const council = field({
    name: "council_name",
    label: t("profile.council_name"),
    hint: t("profile.council_hint"),
    required: true,
    value: profile.council_name,
    attrs: { list: "profile-councils", autocomplete: "off" },
  });

  const logoFile = field({
    name: "logo",
    label: t("profile.logo"),
    type: "file",
    hint: t("profile.logo_hint"),
    attrs: { accept: "image/jpeg,image/png,image/webp" },
  });
  const logoPreview = h("div", { class: "profile-logo-preview" });
  const drawLogo = () => {
    logoPreview.replaceChildren(
      profile.logo_url
        ? h(
            "figure",
            {},
            h("img", { src: profile.logo_url, alt: t("profile.logo_preview_alt", { name: profile.name }) }),
            h("figcaption", {}, t("profile.logo_current")),
          )
        : h("p", { class: "hint" }, t("profile.logo_none")),
    );
    logoActions.replaceChildren(uploadButton, ...(profile.logo_url ? [" ", removeButton] : []));
  };
  const uploadButton = h("button", { type: "button", class: "secondary" }, t("profile.logo_upload"));
  const removeButton = h("button", { type: "button", class: "secondary" }, t("profile.logo_remove"));
  const logoActions = h("p", { class: "actions" });

  const theForm = form(
    {
      label: t("profile.form_label"),
      onSubmit: async (data) => {
        status.replaceChildren();
        logoStatus.replaceChildren();
        const saved = await ctx.api.patch(url(), {
          name: data.name,
          council_name: data.council_name,
          contact_address: data.contact_address,
          contact_phone: data.contact_phone,
          contact_email: data.contact_email,
          opening_hours: String(data.opening_hours || "").split("\n"),
          brand_color: data.brand_color,
          open_data_licence: data.open_data_licence,
          tiles_enabled: Boolean(data.tiles_enabled),
        });
        applied(saved);
        say("profile.saved");
      },
    },
    h(
      "fieldset",
      {},
      h("legend", {}, t("profile.contact")),
      field({ name: "name", label: t("profile.name"), required: true, value: profile.name, autocomplete: "organization" }),
      council,
      councils,
      field({
        name: "contact_address",
        label: t("profile.address"),
        type: "textarea",
        hint: t("profile.address_hint"),
        value: profile.contact_address,
        attrs: { rows: 3 },
      }),
      field({ name: "contact_phone", label: t("profile.phone"), type: "tel", hint: t("profile.phone_hint"), value: profile.contact_phone, autocomplete: "tel" }),
      field({ name: "contact_email", label: t("profile.email"), type: "email", value: profile.contact_email, autocomplete: "email" }),
      field({
        name: "opening_hours",
        label: t("profile.opening_hours"),
        type: "textarea",
        hint: t("profile.opening_hours_hint"),
        value: profile.opening_hours.join("\n"),
        attrs: { rows: 4 },
      }),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, t("profile.appearance")),
      colour,
      contrastPreview(colour.input),
      logoPreview,
      logoFile,
      logoActions,
      logoStatus,
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, t("profile.open_data")),
      field({
        name: "open_data_licence",
        label: t("profile.licence"),
        type: "select",
        hint: t("profile.licence_hint"),
        value: profile.open_data_licence,
        options: LICENCES.map(([value, key]) => ({ value, label: t(key) })),
      }),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, t("profile.map")),
      fieldBox(
        "tiles_enabled",
        h("p", { class: "field-error", id: "profile-tiles-error", hidden: true }),
        h(
          "label",
          { class: "choice" },
          h("input", { type: "checkbox", name: "tiles_enabled", checked: Boolean(profile.tiles_enabled), "aria-describedby": "profile-tiles-hint" }),
          ` ${t("profile.tiles")}`,
        ),
        h("p", { class: "hint", id: "profile-tiles-hint" }, t("profile.tiles_hint")),
      ),
    ),
    status,
    h("button", { type: "submit", class: "primary" }, t("profile.save")),
  );

  /** Logo actions outside the form's submit: same error summary, same field messages. */
  const logoAction = async (action) => {
    clearErrors(theForm);
    status.replaceChildren();
    logoStatus.replaceChildren();
    try {
      await action();
    } catch (error) {
      if (error && error.name === "AbortError") return;
      showErrors(theForm, error);
    }
  };
  uploadButton.addEventListener("click", () =>
    logoAction(async () => {
      const file = logoFile.input.files && logoFile.input.files[0];
      if (!file) {
        showErrors(theForm, { errors: [{ field: "logo", detail_de: t("profile.logo_pick_first", {}, "de"), detail_en: t("profile.logo_pick_first", {}, "en") }] });
        return;
      }
      const upload = new FormData();
      upload.append("data", file);
      applied(await request("PUT", url("logo"), { form: upload }));
      logoFile.input.value = "";
      drawLogo();
      say("profile.logo_saved", logoStatus);
    }),
  );
  removeButton.addEventListener("click", () =>
    logoAction(async () => {
      applied(await ctx.api.delete(url("logo")));
      drawLogo();
      say("profile.logo_removed", logoStatus);
      uploadButton.focus();
    }),
  );
  drawLogo();
  content.append(theForm);
}
