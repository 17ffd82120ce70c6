/** Texts of the back office frame ("Verwaltung"); the navigation entry for admins and council members. */
import { seesBackOffice } from "./admin-sections.js";
import { register } from "./i18n.js";
import { addNavEntry } from "./nav.js";

register({
  de: {
    "nav.admin": "Verwaltung",
    "admin.title": "Verwaltung",
    "admin.lead": "Hier richten Sie stadtstimme für Ihre Kommune ein und halten es aktuell.",
    "admin.breadcrumb": "Pfad",
    "admin.sections": "Bereiche",
    "admin.back": "Zurück zur Verwaltung",
    "admin.forbidden": "Diesen Bereich sehen nur Personen mit Verwaltungsrechten in dieser Kommune.",
  },
  en: {
    "nav.admin": "Administration",
    "admin.title": "Administration",
    "admin.lead": "Set up stadtstimme for your municipality here and keep it up to date.",
    "admin.breadcrumb": "Breadcrumb",
    "admin.sections": "Sections",
    "admin.back": "Back to the administration",
    "admin.forbidden": "Only people with administration rights in this municipality see this area.",
  },
});

addNavEntry({
  id: "admin",
  label: "nav.admin",
  order: 60,
  href: ({ slug }) => slug && `#/m/${slug}/admin`,
  when: ({ session, slug }) => seesBackOffice(session, slug),
});
