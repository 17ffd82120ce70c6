// The results section of a consultation: the council's PDF document (with progress while it renders)
// and the open data downloads. Published results are for everyone; drafts for admins and council.
import { municipalityUrl } from "../api.js";
import "../messages-results.js";
import { h } from "../dom.js";
import { currentLang, formatDate, formatDateTime, t } from "../i18n.js";
import { confirmButton } from "../views/admin/confirm.js";

const POLL_MS = 700;

export function resultsSection({ slug, consultationId, state, ctx, onPublished }) {
  const url = (...parts) => municipalityUrl(slug, "consultations", consultationId, ...parts);
  const isManager = ctx.session.hasRole(slug, "admin");
  const mayDraft = isManager || ctx.session.hasRole(slug, "council");
  const published = Boolean(state.published_at);
  const section = h("section", { "aria-labelledby": "results-heading", class: "results" },
    h("h2", { id: "results-heading" }, t("results.heading")),
    h("p", {}, published ? t("results.published", { date: formatDate(state.published_at) }) : t("results.not_published")));

  if (published || mayDraft) {
    if (!published) {
      const council = (ctx.municipalities || []).find((m) => m.slug === slug)?.council_name || "Stadtverordnetenversammlung";
      section.append(h("p", { class: "hint" }, t("results.draft_note", { council })));
    }
    const status = h("p", { role: "status", "aria-live": "polite", class: "document-status" });
    const progress = h("progress", { max: "100", value: "0", hidden: true, "aria-label": t("results.progress_label") });
    const download = h("p", {});
    const button = h("button", { type: "button", class: "primary" }, t("results.make"));
    button.addEventListener("click", async () => {
      button.disabled = true;
      download.replaceChildren();
      try {
        let job = await ctx.api.post(url("results", "document", { lang: currentLang() }));
        progress.hidden = false;
        while (job.status === "queued" || job.status === "running") {
          progress.value = job.progress;
          status.textContent = t("results.progress", { percent: job.progress });
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          if (!ctx.isCurrent()) return;
          job = await ctx.api.get(municipalityUrl(slug, "document-jobs", job.id));
        }
        progress.value = 100;
        if (job.status !== "done") throw new Error(job.status);
        status.textContent = t("results.ready");
        const link = h("a", { href: job.download_url, class: "download", download: "" }, t("results.download", { pages: job.pages }));
        download.append(link);
        link.focus();
      } catch (error) {
        status.textContent = error.message_for ? error.message_for() : t("results.failed");
      } finally {
        button.disabled = false;
      }
    });
    section.append(button, progress, status, download);
  }

  if (isManager && !published && state.voting_open_until) {
    // People still vote: the results would be incomplete (and could sway the vote). The server refuses too.
    section.append(h("p", { class: "notice" }, t("results.wait_for_vote", { date: formatDateTime(state.voting_open_until) })));
  } else if (isManager && !published) {
    // A second step in the page, saying what will happen (not the browser's confirm()).
    section.append(confirmButton({
      label: t("results.publish"),
      question: t("results.publish_what"),
      yes: t("results.publish_yes"),
      onConfirm: async () => {
        await ctx.api.post(url("results", "publish"));
        await onPublished();
      },
    }));
  }
  if (isManager && published && state.undo_until && new Date(state.undo_until) > new Date()) {
    section.append(h("p", { class: "hint" }, t("results.undo_hint", { date: formatDateTime(state.undo_until) })),
      confirmButton({
        label: t("results.undo"),
        question: t("results.undo_what"),
        yes: t("results.undo_yes"),
        onConfirm: async () => {
          await ctx.api.post(url("results", "withdraw"));
          await onPublished();
        },
      }));
  }

  section.append(h("p", {}, t("results.open_data"), " ",
    h("a", { href: url("proposals.csv") }, "CSV"), " · ",
    h("a", { href: url("proposals.geojson") }, "GeoJSON"), " · ",
    h("a", { href: url("proposals.xlsx") }, "XLSX")));
  return section;
}
