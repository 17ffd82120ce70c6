/** Texts of the back office's onboarding checklist (the start page of "Verwaltung"). */
import { register } from "./i18n.js";

register({
  de: {
    "checklist.title": "Bereit für den Start?",
    "checklist.lead": "Diese Schritte braucht Ihre Kommune, bevor sie mit stadtstimme allein arbeiten kann.",
    "checklist.progress": "{done} von {total} Schritten erledigt.",
    "checklist.all_done": "Alles erledigt: Ihre Kommune ist startklar.",
    "checklist.listed": "Ihre Kommune ist öffentlich gelistet: Bürgerinnen und Bürger finden sie auf der Startseite.",
    "checklist.not_listed":
      "Ihre Kommune ist noch nicht öffentlich gelistet. Sie erscheint, sobald Impressum und Datenschutzerklärung veröffentlicht sind.",
    "checklist.done": "Erledigt",
    "checklist.open": "Offen",
    "checklist.missing": "Es fehlt: {list}",
    "checklist.item.profile": "Kontakt im Profil eintragen",
    "checklist.item.legal": "Die vier rechtlichen Seiten veröffentlichen",
    "checklist.item.departments": "Einen Fachbereich mit echter E-Mail-Adresse anlegen",
    "checklist.item.categories": "Jede Kategorie einem Fachbereich mit echter Adresse zuordnen",
    "checklist.item.staff": "Mindestens eine Mitarbeiterin oder einen Mitarbeiter einladen",
    "checklist.item.districts": "Flächen der Stadtteile hochladen oder zeichnen",
    "checklist.unavailable": "Die Checkliste lässt sich gerade nicht laden.",
  },
  en: {
    "checklist.title": "Ready to go live?",
    "checklist.lead": "These steps are what your municipality needs before it can run stadtstimme on its own.",
    "checklist.progress": "{done} of {total} steps done.",
    "checklist.all_done": "All done: your municipality is ready to go live.",
    "checklist.listed": "Your municipality is listed publicly: residents find it on the start page.",
    "checklist.not_listed":
      "Your municipality is not listed publicly yet. It appears once its legal notice and privacy policy are published.",
    "checklist.done": "Done",
    "checklist.open": "To do",
    "checklist.missing": "Missing: {list}",
    "checklist.item.profile": "Enter the contact in the profile",
    "checklist.item.legal": "Publish the four legal pages",
    "checklist.item.departments": "Add a department with a real e-mail address",
    "checklist.item.categories": "Route every category to a department with a real address",
    "checklist.item.staff": "Invite at least one staff member",
    "checklist.item.districts": "Upload or draw the district areas",
    "checklist.unavailable": "The checklist cannot be loaded right now.",
  },
});
