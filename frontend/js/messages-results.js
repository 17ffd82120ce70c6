// Texts of the results document and open data section on a consultation page.
import { register } from "./i18n.js";

register({
  de: {
    "results.heading": "Ergebnisse und Daten",
    "results.published": "Die Ergebnisse sind seit {date} veröffentlicht.",
    "results.not_published": "Die Ergebnisse sind noch nicht veröffentlicht.",
    "results.draft_note": "Sie sehen einen Entwurf, weil Sie zur Verwaltung oder zur Vertretung ({council}) gehören.",
    "results.make": "Ergebnisbericht als PDF erstellen",
    "results.progress": "Der Bericht wird erstellt: {percent} %",
    "results.progress_label": "Fortschritt des Berichts",
    "results.ready": "Der Bericht ist fertig.",
    "results.download": "Ergebnisbericht herunterladen (PDF, {pages} Seiten)",
    "results.failed": "Der Bericht konnte nicht erstellt werden. Bitte versuchen Sie es später noch einmal.",
    "results.publish": "Ergebnisse veröffentlichen",
    "results.publish_confirm": "Ergebnisse jetzt für alle veröffentlichen? Der Bericht verliert dann die Markierung „Entwurf“.",
    "results.open_data": "Offene Daten: alle veröffentlichten Vorschläge mit Zahlen und Antworten",
    "results.licence": "Lizenz: {licence}",
  },
  en: {
    "results.heading": "Results and data",
    "results.published": "The results have been published since {date}.",
    "results.not_published": "The results are not published yet.",
    "results.draft_note": "You see a draft because you belong to the administration or the council ({council}).",
    "results.make": "Create the results document as PDF",
    "results.progress": "Creating the document: {percent} %",
    "results.progress_label": "Progress of the document",
    "results.ready": "The document is ready.",
    "results.download": "Download the results document (PDF, {pages} pages)",
    "results.failed": "The document could not be created. Please try again later.",
    "results.publish": "Publish the results",
    "results.publish_confirm": "Publish the results for everyone now? The document then loses its draft mark.",
    "results.open_data": "Open data: all published proposals with counts and answers",
    "results.licence": "Licence: {licence}",
  },
});
