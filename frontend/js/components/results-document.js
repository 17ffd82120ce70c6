// The results section of a consultation: the council's PDF document (with progress while it renders)
// and the open data downloads. Published results are for everyone; drafts for admins and council.
import { municipalityUrl } from "../api.js";
import "../messages-results.js";
import { h } from "../dom.js";
import { currentLang, formatDate, t } from "../i18n.js";

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

  if (isManager && !published) {
    const publish = h("button", { type: "button", class: "secondary" }, t("results.publish"));
    publish.addEventListener("click", async () => {
      if (!window.confirm(t("results.publish_confirm"))) return;
      await ctx.api.post(url("results", "publish"));
      onPublished();
    });
    section.append(publish);
  }

  section.append(h("p", {}, t("results.open_data"), " ",
    h("a", { href: url("proposals.csv") }, "CSV"), " · ",
    h("a", { href: url("proposals.geojson") }, "GeoJSON"), " · ",
    h("a", { href: url("proposals.xlsx") }, "XLSX")));
  return section;
}
