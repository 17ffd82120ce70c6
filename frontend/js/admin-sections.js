/**
 * The sections of the back office ("Verwaltung"), in the order a town needs them to go live.
 * Each section is one screen under `#/m/:slug/admin/<id>` (its route line is in main.js); `roles` says who
 * sees it (admins see everything; council members see the read-only ones that name "council").
 */
export const adminSections = [
  // { id: "profile", label: "admin.profile.title", lead: "admin.profile.lead", roles: ["admin"] },
  { id: "statistics", label: "admin.statistics.title", lead: "admin.statistics.lead", roles: ["admin", "council"] },
];

/** The sections this person may open in the municipality `slug`. */
export function visibleAdminSections(session, slug) {
  return adminSections.filter((section) => section.roles.some((role) => session.hasRole(slug, role)));
}

/** May this person open the back office at all? (admins, and council members for the read-only parts) */
export function seesBackOffice(session, slug) {
  return Boolean(slug) && visibleAdminSections(session, slug).length > 0;
}
