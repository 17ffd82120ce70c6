/** Small pieces shared by the participation screens. */
import "../messages-proposals.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";

export function counts(p) {
  return [
    t("prop.support", { count: p.support_count }),
    p.against_count ? t("prop.against", { count: p.against_count }) : null,
    t("prop.comments", { count: p.comment_count }),
  ]
    .filter(Boolean)
    .join(" · ");
}

export function proposalItem(slug, p) {
  return h(
    "li",
    { class: "card" },
    h("h3", {}, h("a", { href: `#/m/${slug}/proposals/${p.id}` }, p.title)),
    h(
      "p",
      { class: "meta" },
      t("prop.by", { name: p.author_name }),
      " · ",
      p.district ? p.district.name : p.location ? "" : t("prop.no_location"),
      p.category ? ` · ${p.category}` : "",
    ),
    h(
      "p",
      {},
      counts(p),
      p.successful ? [" · ", h("strong", {}, t("prop.successful"))] : null,
      p.answer_status ? [" · ", h("strong", {}, t(`status.${p.answer_status}`))] : null,
    ),
  );
}
