/** Staff's case work on a report (its department and the admins): who works on it, how urgent, internal notes
 * only staff read, handing it on, "nicht zuständig" with forwarding, and the "nachher" photos; plus the queue's
 * map and the reply templates shared by the status forms. */
import { municipalityUrl } from "../api.js";
import { h } from "../dom.js";
import { field, form, notice } from "../forms.js";
import { currentLang, formatDate, t } from "../i18n.js";
import { L, createBaseMap, escapeText } from "../map/base.js";
import { COLOURS } from "../map/reports-layer.js";
import { statusLabel } from "../messages-reports.js";

/** "Vorlage einfügen": choosing a template puts its text into the public note (after what is there). */
export function templateChoice(templates) {
  const choice = field({ name: "reply_template", label: t("report.insert_template"), type: "select",
    options: [{ value: "", label: t("report.choose_template") }, ...templates.map((tpl) => ({ value: tpl.id, label: tpl.name }))] });
  choice.input.removeAttribute("name"); // a helper for the note, not a value of its own
  choice.input.addEventListener("change", () => {
    const chosen = templates.find((tpl) => String(tpl.id) === choice.input.value);
    const note = choice.closest("form")?.querySelector("textarea[name=note]");
    if (!chosen || !note) return;
    note.value = note.value.trim() ? `${note.value.trimEnd()}\n\n${chosen.text}` : chosen.text;
    choice.input.value = "";
    note.focus();
  });
  return choice;
}

/** The map of the queue's loaded reports; the cards below are its list alternative. */
export function queueMap(container, { municipality, config, slug, legend }) {
  const base = createBaseMap(container, { municipality, config, districtLabels: false });
  const layer = L.layerGroup().addTo(base.map);
  const lang = currentLang();
  return {
    show(items) {
      layer.clearLayers();
      const placed = items.filter((item) => item.placed !== false);
      for (const item of placed) {
        const marker = L.circleMarker([item.lat, item.lon], { radius: 9, color: "#222", weight: 2,
          fillColor: COLOURS[item.status_group] || COLOURS.open, fillOpacity: 0.9, className: "report-marker" });
        marker.bindPopup(`<p class="popup-title">#${item.id} ${escapeText(item.category_name_de)}</p>`
          + `<p>${escapeText(statusLabel(legend, item.status, lang))}</p>`
          + `<p><a href="#/m/${encodeURIComponent(slug)}/reports/${item.id}">${escapeText(t("reports.to_report"))}</a></p>`);
        marker.addTo(layer);
      }
      if (placed.length) base.map.fitBounds(L.latLngBounds(placed.map((i) => [i.lat, i.lon])).pad(0.2), { maxZoom: 16 });
    },
    destroy: () => base.destroy(),
  };
}

/** The "nachher" photos on the report page (moderated like any photo; staff see theirs at once). */
export function afterPhotosSection(report) {
  const shown = report.after_photos || [];
  if (!shown.length) return null;
  return h("section", { "aria-labelledby": "after-photos-heading", id: "after-photos" },
    h("h2", { id: "after-photos-heading" }, t("casework.after_photos")),
    h("ul", { class: "photo-previews" }, shown.map((p, i) =>
      h("li", {}, h("a", { href: p.url }, h("img", { src: p.thumb_url, alt: t("casework.after_photo_alt", { n: i + 1 }), width: "200" }))))));
}

/** The photo field of the status form: "Foto nachher" (optional), sent before the status changes. */
export function afterPhotoField() {
  return field({ name: "after_photos", label: t("casework.after_photo"), type: "file", hint: t("casework.after_photo_hint"),
    attrs: { accept: "image/jpeg,image/png,image/webp", multiple: true } });
}

export async function sendAfterPhotos(ctx, slug, reportId, formEl) {
  const input = formEl.querySelector("input[name=after_photos]");
  if (!input || !input.files.length) return;
  const body = new FormData();
  for (const file of input.files) body.append("photos", file);
  await ctx.api.upload(municipalityUrl(slug, "reports", reportId, "after-photos"), body);
}

/** The case-work section of the report page (only for those who may handle the report). */
export async function caseworkSection(root, report, ctx, slug, categories) {
  const url = (...parts) => municipalityUrl(slug, "reports", report.id, ...parts);
  const work = await ctx.api.get(url("casework"), { signal: ctx.signal });
  const lang = currentLang();
  const reload = () => ctx.navigate(`/m/${slug}/reports/${report.id}`, { replace: true });
  const me = ctx.session.me ? ctx.session.me.id : null;

  const assignForm = form({ label: t("casework.assign"), onSubmit: async (data) => {
    await ctx.api.post(url("assignee"), { user_id: data.user_id ? Number(data.user_id) : null });
    reload();
  } },
  field({ name: "user_id", label: t("casework.assignee"), type: "select", value: work.assignee_id ?? "",
    options: [{ value: "", label: t("casework.nobody") }, ...work.assignable.map((s) => ({ value: s.user_id, label: s.name }))] }),
  h("button", { type: "submit", class: "secondary" }, t("casework.assign_save")));

  const priorityForm = form({ label: t("casework.priority"), onSubmit: async (data) => {
    await ctx.api.post(url("priority"), { priority: data.priority });
    reload();
  } },
  field({ name: "priority", label: t("casework.priority"), type: "select", value: work.priority,
    options: ["normal", "hoch", "dringend"].map((p) => ({ value: p, label: t(`casework.priority_${p}`) })) }),
  h("button", { type: "submit", class: "secondary" }, t("casework.priority_save")));

  const notes = h("ol", { id: "internal-notes", class: "internal-notes" }, work.notes.map((n) =>
    h("li", {}, h("p", { class: "muted" }, `${formatDate(n.at, { dateStyle: "medium", timeStyle: "short" })}${n.by ? ` · ${n.by}` : ""}`),
      h("p", {}, n.text))));
  const noteForm = form({ label: t("casework.note_add"), onSubmit: async (data) => {
    await ctx.api.post(url("internal-notes"), { text: data.text });
    reload();
  } },
  field({ name: "text", label: t("casework.note"), type: "textarea", required: true, hint: t("casework.note_hint"), attrs: { maxlength: 4000 } }),
  h("button", { type: "submit", class: "secondary" }, t("casework.note_save")));

  const reassignForm = form({ label: t("casework.reassign"), onSubmit: async (data) => {
    await ctx.api.post(url("reassign"), { department_id: data.department_id ? Number(data.department_id) : null,
      category: data.category || null, note: data.note });
    ctx.navigate(`/m/${slug}/reports/queue`);
  } },
  field({ name: "department_id", label: t("casework.department"), type: "select",
    options: [{ value: "", label: t("casework.unchanged") }, ...work.departments.filter((d) => d.id !== work.department_id).map((d) => ({ value: d.id, label: d.name }))] }),
  field({ name: "category", label: t("reports.category"), type: "select",
    options: [{ value: "", label: t("casework.unchanged") }, ...categories.filter((c) => c.code !== report.category).map((c) => ({ value: c.code, label: lang === "en" ? c.name_en : c.name_de }))] }),
  field({ name: "note", label: t("casework.reassign_note"), type: "textarea", required: true, hint: t("casework.reassign_hint") }),
  h("button", { type: "submit", class: "secondary" }, t("casework.reassign_save")));

  const forwardForm = work.outside_bodies.length ? form({ label: t("casework.forward"), onSubmit: async (data, el) => {
    await ctx.api.post(url("forward"), { body: data.body, note: data.note || "" });
    el.replaceWith(notice(t("casework.forwarded", { body: data.body }), { kind: "success" }));
    setTimeout(reload, 600);
  } },
  field({ name: "body", label: t("casework.body"), type: "select", required: true,
    options: [{ value: "", label: t("casework.choose_body") }, ...work.outside_bodies.map((b) => ({ value: b.name,
      label: [b.name, b.email, b.phone].filter(Boolean).join(" · ") }))] }),
  field({ name: "note", label: t("report.note"), type: "textarea", hint: t("casework.forward_hint") }),
  h("button", { type: "submit", class: "secondary" }, t("casework.forward_save"))) : null;

  root.append(h("section", { class: "casework", "aria-labelledby": "casework-heading" },
    h("h2", { id: "casework-heading" }, t("casework.title")),
    h("p", { id: "casework-summary" },
      work.department ? `${t("casework.department")}: ${work.department} · ` : "",
      `${t("casework.assignee")}: ${work.assignee_name || t("casework.nobody")} · `,
      `${t("casework.priority")}: ${t(`casework.priority_${work.priority}`)}`),
    me && work.assignable.some((s) => s.user_id === me) && work.assignee_id !== me
      ? h("p", {}, h("button", { type: "button", class: "secondary", id: "assign-me", onclick: async () => {
          await ctx.api.post(url("assignee"), { user_id: me });
          reload();
        } }, t("casework.assign_me")))
      : null,
    h("div", { class: "casework-forms" }, assignForm, priorityForm),
    h("section", { "aria-labelledby": "notes-heading", class: "internal" },
      h("h3", { id: "notes-heading" }, t("casework.notes")),
      h("p", { class: "hint" }, t("casework.notes_intro")),
      work.notes.length ? notes : h("p", { class: "muted" }, t("casework.no_notes")),
      noteForm),
    h("details", {}, h("summary", {}, t("casework.reassign")), reassignForm),
    forwardForm ? h("details", {}, h("summary", {}, t("casework.forward")), forwardForm) : null,
  ));
}
