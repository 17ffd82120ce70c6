/**
 * The sections of the back office ("Verwaltung"), in the order a town needs them to go live.
 * Each section is one screen under `#/m/:slug/admin/<id>` (its route line is in main.js); `roles` says who
 * sees it (admins see everything; council members see the read-only ones that name "council").
 */
export const adminSections = [
  { id: "profile", label: "admin.profile.title", lead: "admin.profile.lead", roles: ["admin"] },
  { id: "legal", label: "admin.legal.title", lead: "admin.legal.lead", roles: ["admin"] },
  { id: "departments", label: "admin.departments.title", lead: "admin.departments.lead", roles: ["admin"] },
  { id: "categories", label: "admin.categories.title", lead: "admin.categories.lead", roles: ["admin"] },
  { id: "people", label: "admin.people.title", lead: "admin.people.lead", roles: ["admin"] },
  { id: "open311", label: "admin.open311.title", lead: "admin.open311.lead", roles: ["admin"] },
  { id: "mail", label: "admin.mail.title", lead: "admin.mail.lead", roles: ["admin"] },
  { id: "districts", label: "admin.districts.title", lead: "admin.districts.lead", roles: ["admin"] },
  { id: "addresses", label: "admin.addresses.title", lead: "admin.addresses.lead", roles: ["admin"] },
  { id: "moderation", label: "admin.moderation.title", lead: "admin.moderation.lead", roles: ["admin"] },
  { id: "surveys", label: "admin.surveys.title", lead: "admin.surveys.lead", roles: ["admin"] },
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
