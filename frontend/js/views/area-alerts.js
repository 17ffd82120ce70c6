/** Area alerts in the web shell: "Neue Meldungen hier abonnieren" under the report map (a place set with the
 * location picker and a radius, or a district), and on the account page the list of my subscriptions with the
 * Atom feed of each and a button that ends it. Mail follows the account's one notification setting. */
import "../messages-resident.js";
import { municipalityUrl } from "../api.js";
import { h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import { formatUnit, t } from "../i18n.js";
import { locationPicker } from "../map/location-picker.js";

const RADII = [250, 500, 1000, 2000, 5000];

/** The whole municipality's feed (no subscription needed). */
export const townFeedUrl = (slug) => `${municipalityUrl(slug, "reports", "feed.atom")}`;

function describe(alert) {
  if (alert.label) return alert.label;
  if (alert.district) return t("alerts.in_district", { district: alert.district });
  return t("alerts.around", { radius: formatUnit(alert.radius_m, "meter", "short") });
}

/** The subscription form under the report map; returns {element, mount(), destroy()}. */
export function subscribeSection(ctx, { slug, municipality }) {
  const feed = h("p", {}, h("a", { href: townFeedUrl(slug), id: "town-feed", type: "application/atom+xml" }, t("alerts.town_feed")));
  const section = h("section", { class: "area-alerts", "aria-labelledby": "alerts-heading" },
    h("h2", { id: "alerts-heading" }, t("alerts.heading")), h("p", {}, t("alerts.intro")));
  if (!ctx.session.me) {
    section.append(
      h("p", {}, h("a", { href: `#/login?next=${encodeURIComponent(`/m/${slug}/reports`)}` }, t("alerts.login"))),
      feed,
    );
    return { element: section, mount() {}, destroy() {} };
  }
  const done = h("div", { "aria-live": "polite", id: "alert-done" });
  let point = null;
  const kind = h("fieldset", { class: "field", dataset: { field: "kind" } },
    h("legend", {}, t("alerts.kind")),
    h("p", { class: "field-error", hidden: true }),
    ...["place", "district"].map((value) => h("div", { class: "choice" },
      h("input", { type: "radio", name: "kind", value, id: `alert-kind-${value}`, checked: value === "place" }),
      h("label", { for: `alert-kind-${value}` }, t(`alerts.kind_${value}`)))));
  const where = h("div", { class: "field", dataset: { field: "lat", label: t("alerts.place"), focus: "alert-map" } },
    h("p", { class: "field-error", hidden: true }), h("input", { type: "hidden", name: "lat" }));
  const picker = locationPicker({ municipality, config: ctx.config, id: "alert-map", help: t("alerts.place_help"),
    onSet: (p) => { point = p; }, addresses: true });
  const radius = field({ name: "radius_m", label: t("alerts.radius"), type: "select", value: 500,
    options: RADII.map((r) => ({ value: r, label: formatUnit(r, "meter", "short") })) });
  const district = field({ name: "district_id", label: t("alerts.district"), type: "select",
    options: [{ value: "", label: t("alerts.choose") },
      ...municipality.districts.features.map((f) => ({ value: f.id, label: f.properties.name }))] });
  const label = field({ name: "label", label: t("alerts.label"), hint: t("alerts.label_hint"), attrs: { maxlength: 200 } });
  const placePart = h("div", { id: "alert-place" }, where, picker.element, radius);
  const districtPart = h("div", { id: "alert-district", hidden: true }, district);
  const show = () => {
    const byDistrict = kind.querySelector("input:checked").value === "district";
    placePart.hidden = byDistrict;
    districtPart.hidden = !byDistrict;
    district.input.disabled = !byDistrict;
    radius.input.disabled = byDistrict;
  };
  kind.addEventListener("change", show);
  const theForm = form(
    {
      label: t("alerts.heading"),
      check: (data) => {
        if (data.kind === "district" && !data.district_id) {
          return [{ field: "district_id", detail_de: t("alerts.need_district", {}, "de"), detail_en: t("alerts.need_district", {}, "en") }];
        }
        if (data.kind === "place" && !point) {
          return [{ field: "lat", detail_de: t("alerts.need_place", {}, "de"), detail_en: t("alerts.need_place", {}, "en") }];
        }
        return [];
      },
      onSubmit: async (data) => {
        done.replaceChildren();
        const body = data.kind === "district"
          ? { label: data.label || "", district_id: Number(data.district_id) }
          : { label: data.label || "", lat: point.lat, lon: point.lon, radius_m: Number(data.radius_m) };
        const made = await ctx.api.post(municipalityUrl(slug, "area-alerts"), body);
        done.append(notice(h("span", {}, t("alerts.saved", { area: describe(made) }), " ",
          h("a", { href: made.feed_url, type: "application/atom+xml" }, t("alerts.feed")), " ",
          h("a", { href: "#/account" }, t("alerts.manage"))), { kind: "success" }));
      },
    },
    kind, placePart, districtPart, label,
    h("p", { class: "hint" }, t("alerts.mail_hint"), " ", h("a", { href: "#/account" }, t("alerts.mail_setting"))),
    h("button", { type: "submit", class: "secondary" }, t("alerts.submit")),
  );
  show();
  section.append(theForm, done, feed);
  return { element: section, mount() { picker.mount(); }, destroy() { picker.destroy(); } };
}

/** On the account page: my subscriptions in every municipality, each with its feed and an "Abbestellen". */
export async function myAlertsSection(ctx, municipalities) {
  const list = h("ul", { class: "my-list", id: "my-alerts" });
  const status = h("div", { "aria-live": "polite" });
  const found = await Promise.all(municipalities.map(async (m) => {
    try {
      return (await ctx.api.get(municipalityUrl(m.slug, "area-alerts"), { signal: ctx.signal })).map((a) => ({ ...a, town: m }));
    } catch {
      return []; // a municipality without the report module
    }
  }));
  const all = found.flat();
  for (const alert of all) {
    const name = describe(alert);
    const item = h("li", { dataset: { id: alert.id } },
      h("span", {}, `${name} (${alert.town.name})`), " ",
      h("a", { href: alert.feed_url, type: "application/atom+xml" }, t("alerts.feed")), " ",
      h("button", { type: "button", class: "secondary", "aria-label": t("alerts.end_named", { area: name }), onclick: async () => {
        await ctx.api.delete(municipalityUrl(alert.town.slug, "area-alerts", alert.id));
        item.remove();
        status.replaceChildren(notice(t("alerts.ended", { area: name }), { kind: "success" }));
        if (!list.children.length) list.replaceWith(h("p", {}, t("alerts.none")));
        document.getElementById("my-alerts-heading")?.focus();
      } }, t("alerts.end")));
    list.append(item);
  }
  return h("section", { "aria-labelledby": "my-alerts-heading" },
    h("h2", { id: "my-alerts-heading", tabindex: "-1" }, t("alerts.mine")),
    h("p", { class: "hint" }, t("alerts.mail_hint")),
    status,
    all.length ? list : h("p", {}, t("alerts.none")));
}

