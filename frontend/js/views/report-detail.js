/** A report: status, place, description, photos, history; "betrifft mich auch", follow; staff change the status
 * and set the place of a report that came by address alone (an Open311 app without coordinates). */
import { municipalityUrl } from "../api.js";
import { append, h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import { currentLang, formatDate, t } from "../i18n.js";
import { L, createBaseMap } from "../map/base.js";
import { locationPicker } from "../map/location-picker.js";
import { COLOURS } from "../map/reports-layer.js";
import { coordinateValue, formatCoordinates, parseCoordinate, placeName } from "../map/picker-logic.js";
import { statusLabel } from "../messages-reports.js";
import { flagButton } from "../components/flag.js";
import { afterPhotoField, afterPhotosSection, caseworkSection, sendAfterPhotos, templateChoice } from "./report-staff-casework.js";
import { residentSection } from "./report-updates.js";

export async function render(root, params, ctx) {
  const slug = params.slug;
  const url = (...parts) => municipalityUrl(slug, ...parts);
  const [report, legend, categories, municipality] = await Promise.all([
    ctx.api.get(url("reports", params.id), { signal: ctx.signal }),
    ctx.api.get(url("defect-statuses"), { signal: ctx.signal }),
    ctx.api.get(url("defect-categories"), { signal: ctx.signal }),
    ctx.api.get(url(), { signal: ctx.signal }),
  ]);
  const lang = currentLang();
  const category = lang === "en" ? report.category_name_en : report.category_name_de;
  const isStaff = ctx.session.hasRole(slug, "staff");

  // Following: a mail on every status change (as the person's notification setting says); updated in place.
  let following = Boolean(report.following);
  const followButton = ctx.session.me ? h("button", { type: "button", class: "secondary", id: "follow-report" }) : null;
  const showFollowing = () => {
    if (!followButton) return;
    followButton.textContent = following ? t("report.unfollow") : t("report.follow");
    followButton.setAttribute("aria-pressed", String(following));
  };
  if (followButton) {
    showFollowing();
    followButton.addEventListener("click", async () => {
      followButton.disabled = true;
      try {
        const result = await ctx.api.post(url("reports", report.id, following ? "unfollow" : "follow"));
        following = result.following;
        showFollowing();
      } catch (error) {
        followButton.after(notice(error.message_for ? error.message_for() : String(error.message)));
      } finally {
        followButton.disabled = false;
        followButton.focus();
      }
    });
  }

  const affectedCount = h("p", { id: "affected-count" }, t("report.affected_count", { count: report.affected_count }));
  const affectedBox = h("div", { class: "affected", "aria-live": "polite" }, affectedCount);
  if (report.status_group === "open") {
    if (ctx.session.me) {
      const button = h("button", { type: "button", class: "secondary" }, t("report.affected"));
      // The answer replaces the button in place; focus moves to it instead of falling back to the page's start.
      const answer = (box) => {
        box.setAttribute("tabindex", "-1");
        button.replaceWith(box);
        box.focus();
      };
      button.addEventListener("click", async () => {
        try {
          const result = await ctx.api.post(url("reports", report.id, "affected"));
          affectedCount.textContent = t("report.affected_count", { count: result.affected_count });
          following = true; // "betrifft mich auch" follows the report too
          showFollowing();
          answer(notice(t("report.affected_done"), { kind: "success" }));
        } catch (error) {
          answer(notice(error.message_for ? error.message_for() : String(error.message)));
        }
      });
      affectedBox.append(button);
    } else {
      affectedBox.append(h("p", {}, h("a", { href: `#/login?next=${encodeURIComponent(params.path)}` }, t("report.affected_login"))));
    }
  }

  const questions = (categories.find((c) => c.code === report.category) || { questions: [] }).questions;
  const answers = Object.entries(report.answers || {}).map(([code, value]) => {
    const q = questions.find((x) => x.code === code);
    if (!q) return [code, [value].flat().join(", ")];
    const name = (key) => {
      const choice = q.values.find((v) => v.key === key);
      return choice ? (lang === "en" ? choice.name_en : choice.name_de) : String(key);
    };
    return [lang === "en" ? q.label_en : q.label_de, [value].flat().map(name).join(", ")];
  });
  // A small map of the spot (the place in words stands in the facts above it: its list alternative).
  const smallMapBox = report.placed !== false ? h("div", { id: "report-map", class: "map-frame small-map" }) : null;
  append(root, [
    h("h1", {}, t("report.title", { id: report.id, category })),
    // The reporter follows their own report while it waits; others only ever see public ones.
    report.visibility !== "public" && !ctx.session.hasRole(ctx.slug, "staff")
      ? h("p", { class: "notice", id: "report-waiting", role: "status" },
          t(report.visibility === "pending" ? "report.waiting_own" : "report.removed_own"))
      : null,
    h("dl", { class: "facts" },
      h("dt", {}, t("report.status")), h("dd", { id: "report-status" }, statusLabel(legend, report.status, lang)),
      h("dt", {}, t("report.place")),
      h("dd", { id: "report-place" }, placeName(report) || formatCoordinates(report),
        report.placed === false ? h("strong", { id: "not-placed" }, ` (${t("report.not_placed")})`) : null),
      h("dt", {}, t("report.reported_on")), h("dd", { id: "report-date" }, formatDate(report.created_at)),
      report.description ? [h("dt", {}, t("report.description")), h("dd", {}, report.description)] : null,
      answers.map(([label, value]) => [h("dt", {}, label), h("dd", {}, value)]),
    ),
    smallMapBox
      ? h("section", { class: "small-map-section", "aria-labelledby": "small-map-heading" },
          h("h2", { id: "small-map-heading" }, t("report.small_map")), smallMapBox)
      : null,
    affectedBox,
    followButton ? h("p", { class: "follow", "aria-live": "polite" }, followButton) : null,
    report.visibility === "public" && !report.mine ? flagButton({ slug, contentType: "defect_report", contentId: report.id, ctx }) : null,
    report.photos.length
      ? h("section", { "aria-labelledby": "photos-heading" },
          h("h2", { id: "photos-heading" }, t("report.photos")),
          h("ul", { class: "photo-previews" }, report.photos.map((p, i) =>
            h("li", {}, h("a", { href: p.url }, h("img", { src: p.thumb_url, alt: t("report.photo_alt", { n: i + 1 }), width: "200" })))),
          ))
      : null,
    afterPhotosSection(report),
    h("section", { "aria-labelledby": "history-heading" },
      h("h2", { id: "history-heading" }, t("report.history")),
      h("ol", { id: "history" }, report.history.map((entry) =>
        h("li", {},
          h("strong", {}, lang === "en" ? entry.label_en : entry.label_de),
          ` – ${formatDate(entry.at, { dateStyle: "medium", timeStyle: "short" })}`,
          entry.by ? ` ${t("report.by", { by: entry.by })}` : "",
          entry.note ? h("p", {}, entry.note) : null,
          entry.responsible ? h("p", {}, entry.responsible) : null))),
    ),
  ]);

  // Residents' updates, the "reopened" mark and "nicht behoben" (frontend/js/views/report-updates.js).
  root.append(await residentSection(report, ctx, slug));

  // The reporter's contact reaches only the responsible department and the administration; other staff are
  // told so instead of seeing an empty box.
  if (report.contact) {
    const known = [report.contact.name, report.contact.email, report.contact.phone].filter(Boolean);
    root.append(h("section", { class: "notice", "aria-labelledby": "contact-heading" },
      h("h2", { id: "contact-heading" }, t("report.contact")),
      h("p", { id: "reporter-contact" }, known.length ? known.join(" · ") : t("report.contact_none")),
      report.contact.channel ? h("p", {}, `${t("report.channel")}: ${t(`channel.${report.contact.channel}`)}`) : null));
  } else if (report.contact_withheld) {
    root.append(h("p", { class: "muted", id: "contact-withheld" }, t("report.contact_withheld")));
  }

  // Staff of other departments read the report; its department and the administration work on it.
  const mayHandle = isStaff && report.may_handle;
  if (isStaff && !mayHandle) root.append(h("p", { class: "muted", id: "handled-elsewhere" }, t("report.handled_elsewhere")));

  let smallMap = null;
  if (smallMapBox) {
    smallMap = createBaseMap(smallMapBox, { municipality, config: ctx.config, districtLabels: false });
    smallMapBox.setAttribute("aria-label", t("report.small_map_label", { id: report.id }));
    const spot = [report.lat, report.lon];
    L.circleMarker(spot, { radius: 9, color: "#222", weight: 2, fillColor: COLOURS[report.status_group] || COLOURS.open,
      fillOpacity: 0.9, interactive: false, className: "report-marker" }).addTo(smallMap.map);
    smallMap.map.setView(spot, 14); // the street's neighbourhood: the town's outline stays in sight
    for (const handler of ["dragging", "scrollWheelZoom", "doubleClickZoom", "boxZoom", "touchZoom"]) smallMap.map[handler].disable();
  }
  let cleanup = smallMap ? () => smallMap.destroy() : null;
  if (mayHandle && report.placed === false) cleanup = await placeSection(root, report, ctx, slug, municipality);

  if (mayHandle) {
    // The municipality's reply templates (kept by its admins in the back office's mail section).
    const templates = await ctx.api.get(url("reply-templates"), { signal: ctx.signal }).catch(() => []);
    const current = legend.find((s) => s.status === report.status);
    const next = (current ? current.next : []).map((status) => ({ value: status, label: statusLabel(legend, status, lang) }));
    const saved = h("div", { "aria-live": "polite" });
    root.append(
      h("section", { "aria-labelledby": "status-heading" },
        h("h2", { id: "status-heading" }, t("report.change_status")),
        saved,
        form(
          {
            label: t("report.change_status"),
            onSubmit: async (data, el) => {
              await sendAfterPhotos(ctx, slug, report.id, el); // "nachher" first: a refused photo keeps the status
              await ctx.api.post(url("reports", report.id, "status"), {
                status: data.status,
                note: data.note || "",
                duplicate_of: data.duplicate_of ? Number(data.duplicate_of) : null,
                responsible: data.responsible || "",
              });
              ctx.navigate(`/m/${slug}/reports/${report.id}`, { replace: true });
            },
          },
          // No status is preselected: a slip of the thumb must not reject a report.
          field({ name: "status", label: t("report.new_status"), type: "select", required: true,
            options: [{ value: "", label: t("report.choose_status") }, ...next] }),
          templates.length ? templateChoice(templates) : null,
          field({ name: "note", label: t("report.note"), type: "textarea", hint: t("report.note_hint") }),
          field({ name: "duplicate_of", label: t("report.duplicate_of"), type: "number" }),
          field({ name: "responsible", label: t("report.responsible") }),
          afterPhotoField(),
          h("button", { type: "submit", class: "primary" }, t("report.save_status")),
        )),
    );
    await caseworkSection(root, report, ctx, slug, categories);
  }
  return cleanup;
}

/** Staff set the point of a report that has none yet: on the map, or by typing the coordinates. */
async function placeSection(root, report, ctx, slug, municipality) {
  const url = (...parts) => municipalityUrl(slug, ...parts);
  const lat = field({ name: "lat", label: t("report_new.lat"), required: true, attrs: { inputmode: "decimal" } });
  const lon = field({ name: "lon", label: t("report_new.lon"), required: true, attrs: { inputmode: "decimal" } });
  const picker = locationPicker({
    municipality,
    config: ctx.config,
    id: "place-map",
    onSet: (point) => {
      lat.input.value = coordinateValue(point.lat);
      lon.input.value = coordinateValue(point.lon);
    },
  });
  for (const input of [lat.input, lon.input]) {
    input.addEventListener("change", () => {
      const la = parseCoordinate(lat.input.value);
      const lo = parseCoordinate(lon.input.value);
      if (la !== null && lo !== null) picker.set({ lat: la, lon: lo });
    });
  }
  root.append(
    h("section", { "aria-labelledby": "place-heading" },
      h("h2", { id: "place-heading" }, t("report.place_it")),
      h("p", {}, t("report.place_it_intro")),
      form(
        {
          label: t("report.place_it"),
          onSubmit: async (data) => {
            await ctx.api.post(url("reports", report.id, "location"), {
              lat: parseCoordinate(data.lat),
              lon: parseCoordinate(data.lon),
            });
            ctx.navigate(`/m/${slug}/reports/${report.id}`, { replace: true });
          },
        },
        picker.element, lat, lon,
        h("button", { type: "submit", class: "primary" }, t("report.place_save")),
      )),
  );
  picker.mount();
  return () => picker.destroy();
}
