/**
 * Entries of the main navigation. Feature modules add theirs with `addNavEntry` (see README):
 *   addNavEntry({id: "reports", label: "nav.reports", order: 20,
 *                href: ({slug}) => slug && `#/m/${slug}/reports`});
 * `href` returning a falsy value hides the entry (e.g. no municipality chosen yet);
 * `when(state)` can hide it too, e.g. ({session, slug}) => session.hasRole(slug, "moderator").
 */
const entries = [];

export function addNavEntry(entry) {
  const index = entries.findIndex((e) => e.id === entry.id);
  if (index >= 0) entries.splice(index, 1);
  entries.push({ order: 50, ...entry });
  entries.sort((a, b) => a.order - b.order);
}

/** The visible entries for this state: [{id, label, href}] */
export function visibleNavEntries(state) {
  return entries
    .filter((entry) => !entry.when || entry.when(state))
    .map((entry) => ({ id: entry.id, label: entry.label, href: entry.href(state) }))
    .filter((entry) => entry.href);
}

addNavEntry({ id: "start", label: "nav.start", order: 0, href: ({ slug }) => (slug ? `#/m/${slug}` : "#/") });
