/**
 * Boot: load texts, configuration and login state, draw the frame, start the router.
 * THE ROUTE TABLE lives here: add one line per screen (see README "Adding a screen").
 */
import { api, apiUrl } from "./api.js";
import "./messages.js";
import "./messages-reports.js";
import "./messages-proposals.js";
import "./messages-moderation.js";
import "./messages-admin.js";
import "./messages-statistics.js";
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
  { path: "/m/:slug/consultations", load: view("consultations") },
  { path: "/m/:slug/consultations/new", load: view("consultation-edit"), auth: true },
  { path: "/m/:slug/consultations/:id", load: view("consultation") },
  { path: "/m/:slug/consultations/:id/new", load: view("proposal-new"), auth: true },
  { path: "/m/:slug/consultations/:id/edit", load: view("consultation-edit"), auth: true },
  { path: "/m/:slug/consultations/:id/answers", load: view("consultation-answers"), auth: true },
  { path: "/m/:slug/proposals/:id", load: view("proposal") },
  { path: "/m/:slug/proposals/:id/edit", load: view("proposal-new"), auth: true },
  { path: "/unsubscribe/:token", load: view("unsubscribe") },
  { path: "/m/:slug/moderation", load: view("moderation"), auth: true },
  { path: "/m/:slug/admin", load: view("admin"), auth: true },
  // back office sections (frontend/js/admin-sections.js), one line each:
  { path: "/m/:slug/admin/statistics", load: view("admin/statistics"), auth: true },
];

const state = {
  config: null,
  municipalities: [],
  slug: null, // the municipality the person is looking at (or the only one)
  municipalityName: null,
  path: "/",
};

function chooseMunicipality(slug) {
  const found = state.municipalities.find((m) => m.slug === slug);
  if (found) {
    state.slug = found.slug;
    state.municipalityName = found.name;
  }
}

function drawFrame() {
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
  if (municipalities.length === 1) chooseMunicipality(municipalities[0].slug);

  const router = new Router({
    routes,
    outlet: document.getElementById("main"),
    notFound: view("not-found"),
    titleSuffix: " – stadtstimme",
    beforeRender: (route, params) => {
      state.path = params.path;
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
