/**
 * Boot: load texts, configuration and login state, draw the frame, start the router.
 * THE ROUTE TABLE lives here: add one line per screen (see README "Adding a screen").
 */
import { api, apiUrl } from "./api.js";
import "./messages.js";
import "./messages-reports.js";
import "./messages-casework.js";
import "./messages-proposals.js";
import "./messages-moderation.js";
import "./messages-admin.js";
import "./messages-profile.js";
import "./messages-legal.js";
import { setLegalSlug } from "./components/privacy-notice.js";
import "./messages-backoffice-defects.js";
import "./messages-people.js";
import "./messages-territory.js";
import "./messages-addresses.js";
import "./messages-statistics.js";
import "./messages-surveys.js";
import { onLangChange, t } from "./i18n.js";
import { renderFooter, renderHeader, wireLanguageSwitch } from "./layout.js";
import { Router } from "./router.js";
import { session } from "./session.js";

const view = (name) => () => import(`./views/${name}.js`);

/** path → view module (exporting `render(root, params, ctx)`); `auth: true` sends anonymous people to login. */
export const routes = [
  { path: "/", load: view("home") },
  { path: "/login", load: view("login") },
  { path: "/register", load: view("register") },
  { path: "/check-mail", load: view("check-mail") },
  { path: "/verify/:token", load: view("verify") },
  { path: "/email-change/:token", load: view("email-change") },
  { path: "/password-reset", load: view("password-reset") },
  { path: "/password-reset/:token", load: view("password-reset-confirm") },
  { path: "/account", load: view("account"), auth: true },
  { path: "/m/:slug", load: view("municipality") },
  { path: "/m/:slug/reports", load: view("reports") },
  { path: "/m/:slug/reports/new", load: view("report-new") },
  { path: "/m/:slug/reports/on-behalf", load: view("report-new"), auth: true },
  { path: "/m/:slug/reports/queue", load: view("report-queue"), auth: true },
  { path: "/m/:slug/reports/sent/:id", load: view("report-sent") },
  { path: "/m/:slug/reports/confirm/:token", load: view("report-confirm") },
  { path: "/m/:slug/reports/:id", load: view("report-detail") },
  { path: "/m/:slug/reports/:id/check/:token/:answer", load: view("report-check") },
  { path: "/m/:slug/consultations", load: view("consultations") },
  { path: "/m/:slug/consultations/new", load: view("consultation-edit"), auth: true },
  { path: "/m/:slug/consultations/:id", load: view("consultation") },
  { path: "/m/:slug/consultations/:id/new", load: view("proposal-new"), auth: true },
  { path: "/m/:slug/consultations/:id/edit", load: view("consultation-edit"), auth: true },
  { path: "/m/:slug/consultations/:id/answers", load: view("consultation-answers"), auth: true },
  { path: "/m/:slug/proposals/:id", load: view("proposal") },
  { path: "/m/:slug/proposals/:id/edit", load: view("proposal-new"), auth: true },
  { path: "/m/:slug/legal/:kind", load: view("legal") },
  { path: "/unsubscribe/:token", load: view("unsubscribe") },
  { path: "/area-alerts/unsubscribe/:token", load: view("area-alert-unsubscribe") },
  { path: "/m/:slug/moderation", load: view("moderation"), auth: true },
  { path: "/m/:slug/admin", load: view("admin"), auth: true },
  // back office sections (frontend/js/admin-sections.js), one line each:
  { path: "/m/:slug/admin/profile", load: view("admin/profile"), auth: true },
  { path: "/m/:slug/admin/legal", load: view("admin/legal"), auth: true },
  { path: "/m/:slug/admin/departments", load: view("admin/departments"), auth: true },
  { path: "/m/:slug/admin/categories", load: view("admin/categories"), auth: true },
  { path: "/m/:slug/admin/people", load: view("admin/people"), auth: true },
  { path: "/m/:slug/admin/open311", load: view("admin/open311"), auth: true },
  { path: "/m/:slug/admin/mail", load: view("admin/mail"), auth: true },
  { path: "/invite/:token", load: view("invite") },
  { path: "/m/:slug/admin/districts", load: view("admin/districts"), auth: true },
  { path: "/m/:slug/admin/addresses", load: view("admin/addresses"), auth: true },
  { path: "/m/:slug/admin/moderation", load: view("admin/moderation"), auth: true },
  { path: "/m/:slug/admin/statistics", load: view("admin/statistics"), auth: true },
  { path: "/m/:slug/admin/surveys", load: view("admin/surveys"), auth: true },
  { path: "/m/:slug/admin/surveys/:id", load: view("admin/survey-edit"), auth: true },
  { path: "/m/:slug/surveys", load: view("surveys") },
  { path: "/m/:slug/surveys/:id", load: view("survey") },
  { path: "/m/:slug/surveys/:id/paper", load: view("survey-paper"), auth: true },
  { path: "/m/:slug/surveys/:id/results", load: view("survey-results") },
];

const state = {
  config: null,
  municipalities: [],
  slug: null, // the municipality the person is looking at (or the only one)
  municipalityName: null,
  municipality: null, // its summary: name, brand colour, logo, council, tiles (the header and maps read it)
  path: "/",
};

function chooseMunicipality(slug) {
  const found = state.municipalities.find((m) => m.slug === slug);
  if (found) {
    state.slug = found.slug;
    state.municipalityName = found.name;
    state.municipality = found;
  }
}

/**
 * The municipality list depends on who is logged in: a town not yet listed publicly is listed for the people
 * holding a role in it (its first admin logs in to a list fetched anonymously). Fetched again when the account
 * changes, before the next view renders.
 */
async function loadMunicipalities() {
  const account = session.me ? session.me.email : null;
  if (state.listedFor !== undefined && state.listedFor === account) return;
  const municipalities = await api.get(apiUrl("municipalities"));
  state.listedFor = account;
  state.municipalities.splice(0, state.municipalities.length, ...municipalities);
  if (municipalities.length === 1 && !state.slug) chooseMunicipality(municipalities[0].slug);
}

function drawFrame() {
  if (state.municipality) state.municipalityName = state.municipality.name; // a saved profile may rename it
  setLegalSlug(state.slug || state.municipalities[0]?.slug); // the legal links: this town's, or the first one's
  renderHeader(state);
  renderFooter(state.config, state);
}

async function boot() {
  // The config request also gives us the CSRF cookie every later write needs.
  const [config, municipalities] = await Promise.all([
    api.get(apiUrl("config")),
    api.get(apiUrl("municipalities")),
    session.refresh(),
  ]);
  state.config = config;
  state.municipalities = municipalities;
  state.listedFor = session.me ? session.me.email : null;
  if (municipalities.length === 1) chooseMunicipality(municipalities[0].slug);

  const router = new Router({
    routes,
    outlet: document.getElementById("main"),
    notFound: view("not-found"),
    titleSuffix: " – stadtstimme",
    beforeRender: async (route, params) => {
      state.path = params.path;
      await loadMunicipalities();
      if (params.slug) chooseMunicipality(params.slug);
      drawFrame();
      if (route.auth && !session.me) return `/login?next=${encodeURIComponent(params.path)}`;
      return null;
    },
    makeContext: () => ({
      api,
      t,
      session,
      config: state.config,
      municipalities: state.municipalities,
      slug: state.slug,
      navigate: (target, options) => router.navigate(target, options),
      redrawFrame: drawFrame,
    }),
  });

  session.onChange(() => renderHeader(state));
  onLangChange(() => {
    drawFrame();
    router.refresh();
  });
  wireLanguageSwitch();
  document.getElementById("skip-link").addEventListener("click", (event) => {
    // A plain "#main" link would be taken for a route by the hash router.
    event.preventDefault();
    const main = document.getElementById("main");
    main.focus();
    main.scrollIntoView();
  });
  await router.start();
  document.body.dataset.ready = "true";
}

boot().catch((error) => {
  console.error(error);
  const main = document.getElementById("main");
  main.replaceChildren();
  const heading = document.createElement("h1");
  heading.textContent = "stadtstimme ist gerade nicht erreichbar / stadtstimme is unavailable right now";
  main.append(heading);
  document.body.dataset.ready = "error";
});
