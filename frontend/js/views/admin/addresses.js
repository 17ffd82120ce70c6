/** Back office: the address register (import an open file, see the rejected rows, empty it) and the optional
 * outside geocoder (Nominatim or Photon). */
import { municipalityUrl, request } from "../../api.js";
import { h } from "../../dom.js";
import { field, form, notice } from "../../forms.js";
import { currentLang, formatDateTime, formatNumber, t } from "../../i18n.js";
import "../../messages-addresses.js";
import { confirmButton } from "./confirm.js";
import { adminFrame } from "./frame.js";

const LICENCES = ["ODbL-1.0", "dl-de/by-2-0", "dl-de/zero-2-0", "CC-BY-4.0", "CC0-1.0"];

export async function render(root, params, ctx) {
  const content = adminFrame(root, ctx, "addresses");
  if (!content) return;
  const url = (...parts) => municipalityUrl(params.slug, "admin", "addresses", ...parts);

  const stateHeading = h("h2", { id: "addresses-state", tabindex: "-1" }, t("addresses.state"));
  const state = h("div", { id: "addresses-facts" });
  const said = h("div", { role: "status", class: "action-status" });
  const report = h("div", { id: "import-report" });

  function showState(status) {
    const lines = [
      h("p", {}, status.address_count ? t("addresses.count", { count: status.address_count }) : t("addresses.empty")),
    ];
    if (status.imported_at) {
      lines.push(h("p", {}, t("addresses.imported", {
        date: formatDateTime(status.imported_at), licence: status.licence, attribution: status.attribution || "–",
      })));
    }
    if (status.approximate) lines.push(h("p", {}, t("addresses.approx_note")));
    lines.push(h("p", {}, status.outside_kind
      ? t("addresses.outside_on", { kind: status.outside_kind, url: status.outside_url })
      : t("addresses.outside_off")));
    if (status.address_count) {
      lines.push(confirmButton({
        label: t("addresses.delete"),
        question: t("addresses.delete_question"),
        yes: t("addresses.delete_yes"),
        onConfirm: async () => {
          showState(await ctx.api.delete(url()));
          report.replaceChildren();
          said.replaceChildren(notice(t("addresses.deleted"), { kind: "success" }));
          stateHeading.focus();
        },
      }));
    }
    state.replaceChildren(...lines);
    kind.input.value = status.outside_kind;
    address.input.value = status.outside_url;
  }

  function showReport(result) {
    const heading = h("h3", { id: "import-result", tabindex: "-1" },
      t("addresses.result", { accepted: formatNumber(result.accepted), rejected: formatNumber(result.rejected_count) }));
    const parts = [heading];
    if (result.rejected.length) {
      parts.push(h("table", { class: "data-table" },
        h("caption", {}, t("addresses.rejected_title")),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("addresses.row")), h("th", { scope: "col" }, t("addresses.reason")))),
        h("tbody", {}, result.rejected.map((r) =>
          h("tr", {}, h("td", {}, formatNumber(r.row)), h("td", {}, currentLang() === "en" ? r.reason_en : r.reason_de))))));
      const more = result.rejected_count - result.rejected.length;
      if (more > 0) parts.push(h("p", {}, t("addresses.more_rejected", { count: more })));
    }
    report.replaceChildren(...parts);
    heading.focus();
  }

  const file = field({ name: "data", label: t("addresses.file"), type: "file", required: true,
    attrs: { accept: ".csv,.geojson,.json,text/csv,application/geo+json,application/json" } });
  const licence = field({ name: "licence", label: t("addresses.licence"), type: "select", required: true,
    options: LICENCES.map((l) => ({ value: l, label: l })) });
  const attribution = field({ name: "attribution", label: t("addresses.attribution"), hint: t("addresses.attribution_hint"),
    attrs: { maxlength: "300" } });
  const importForm = form(
    {
      label: t("addresses.import_title"),
      onSubmit: async (data, el) => {
        const upload = new FormData();
        upload.append("data", file.input.files[0]);
        upload.append("licence", data.licence);
        upload.append("attribution", data.attribution || "");
        upload.append("approximate", el.querySelector("[name=approximate]").checked ? "true" : "false");
        const result = await request("POST", url(), { form: upload });
        showState(await ctx.api.get(url()));
        showReport(result);
      },
    },
    file,
    licence,
    attribution,
    h("div", { class: "field checkbox", dataset: { field: "approximate" } },
      h("p", { class: "field-error", hidden: true }),
      h("label", { class: "checkbox-label" }, h("input", { type: "checkbox", name: "approximate" }), " ", t("addresses.approximate"))),
    h("button", { type: "submit", class: "primary" }, t("addresses.import_submit")),
  );

  const kind = field({ name: "kind", label: t("addresses.kind"), type: "select", options: [
    { value: "", label: t("addresses.kind_none") }, { value: "nominatim", label: "Nominatim" }, { value: "photon", label: "Photon" },
  ] });
  const address = field({ name: "url", label: t("addresses.url"), hint: t("addresses.url_hint"), type: "url", attrs: { maxlength: "300" } });
  const outsideSaid = h("div", { role: "status" });
  const outsideForm = form(
    {
      label: t("addresses.outside_title"),
      onSubmit: async (data) => {
        showState(await ctx.api.put(url("geocoder"), { kind: data.kind, url: data.url || "" }));
        outsideSaid.replaceChildren(notice(t("addresses.outside_saved"), { kind: "success" }));
      },
    },
    kind,
    address,
    h("button", { type: "submit", class: "primary" }, t("addresses.outside_save")),
  );

  content.append(
    h("section", { "aria-labelledby": "addresses-state" }, stateHeading, said, state),
    h("section", { "aria-labelledby": "import-heading" },
      h("h2", { id: "import-heading" }, t("addresses.import_title")),
      h("p", {}, t("addresses.import_intro")), importForm, report),
    h("section", { "aria-labelledby": "outside-heading" },
      h("h2", { id: "outside-heading" }, t("addresses.outside_title")),
      h("p", {}, t("addresses.outside_intro")), outsideForm, outsideSaid),
  );
  showState(await ctx.api.get(url(), { signal: ctx.signal }));
}
