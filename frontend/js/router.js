/**
 * Hash router: "#/m/taunusstein/reports/12?status=open" → route "/m/:slug/reports/:id" with
 * params {slug: "taunusstein", id: "12", query: URLSearchParams}. Views are loaded lazily.
 *
 * On every navigation the router gives the view a fresh container inside <main>, calls
 * `render(container, params, ctx)`, then sets document.title from the view's <h1> and moves focus
 * to that heading (except on the first page load, so the skip link stays the first tab stop).
 * While a view renders, <main> carries aria-busy="true"; afterwards data-view names the route pattern
 * (browser tests wait for `main[data-view="/account"]:not([aria-busy])`).
 */

function compile(path) {
  const names = [];
  const pattern = path
    .split("/")
    .map((part) => {
      if (part.startsWith(":")) {
        names.push(part.slice(1));
        return "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { regex: new RegExp(`^${pattern}/?$`), names };
}

/** Split a location hash into its path and query. */
export function parseHash(hash) {
  const raw = (hash || "").replace(/^#/, "") || "/";
  const [pathPart, queryPart = ""] = raw.split("?");
  const path = pathPart.startsWith("/") ? pathPart : `/${pathPart}`;
  return { path, query: new URLSearchParams(queryPart) };
}

export class Router {
  /**
   * @param {{routes: {path: string, load: () => Promise<any>, auth?: boolean}[],
   *          notFound: () => Promise<any>, outlet: HTMLElement, makeContext: (route, params) => object,
   *          titleSuffix?: string, beforeRender?: (route, params) => (string|null|Promise<string|null>)}} options
   */
  constructor({ routes, notFound, outlet, makeContext, titleSuffix = "", beforeRender }) {
    this.routes = routes.map((route) => ({ ...route, ...compile(route.path) }));
    this.notFound = notFound;
    this.outlet = outlet;
    this.makeContext = makeContext;
    this.titleSuffix = titleSuffix;
    this.beforeRender = beforeRender;
    this.generation = 0;
    this.cleanup = null;
    this.controller = null;
    this.firstLoad = true;
    this.current = null;
  }

  start() {
    window.addEventListener("hashchange", () => this.resolve());
    return this.resolve();
  }

  /** Go to a hash route, e.g. navigate("/account") or navigate("#/login?next=/account"). */
  navigate(target, { replace = false } = {}) {
    const hash = target.startsWith("#") ? target : `#${target}`;
    if (hash === window.location.hash) return this.resolve();
    if (replace) {
      history.replaceState(null, "", hash);
      return this.resolve();
    }
    window.location.hash = hash; // triggers hashchange → resolve()
    return Promise.resolve();
  }

  /** Render the current route again (e.g. after the language changed), keeping focus where it is. */
  refresh() {
    return this.resolve({ keepFocus: true });
  }

  match(path) {
    for (const route of this.routes) {
      const found = route.regex.exec(path);
      if (found) {
        const params = {};
        route.names.forEach((name, index) => {
          params[name] = decodeURIComponent(found[index + 1]);
        });
        return { route, params };
      }
    }
    return null;
  }

  async resolve({ keepFocus = false } = {}) {
    const generation = ++this.generation;
    const { path, query } = parseHash(window.location.hash);
    const found = this.match(path);
    const route = found ? found.route : { path: "*", load: this.notFound };
    const params = { ...(found ? found.params : {}), path, query };

    if (this.beforeRender) {
      const redirect = await this.beforeRender(route, params);
      if (generation !== this.generation) return;
      if (redirect) {
        this.navigate(redirect, { replace: true });
        return;
      }
    }

    if (this.cleanup) {
      try {
        this.cleanup();
      } catch (error) {
        console.error(error);
      }
      this.cleanup = null;
    }
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();

    const container = document.createElement("div");
    container.className = "view";
    this.outlet.replaceChildren(container);
    this.outlet.setAttribute("aria-busy", "true");
    const ctx = { ...this.makeContext(route, params), signal: this.controller.signal, isCurrent: () => generation === this.generation };
    this.current = { route, params };
    try {
      const module = await route.load();
      if (generation !== this.generation) return;
      const result = await module.render(container, params, ctx);
      if (generation !== this.generation) return;
      if (typeof result === "function") this.cleanup = result;
    } catch (error) {
      if (error && error.name === "AbortError") return;
      console.error(error);
      if (generation !== this.generation) return;
      const { renderError } = await import("./views/error.js");
      renderError(container, error);
    }
    this.afterRender(container, keepFocus);
  }

  afterRender(container, keepFocus) {
    this.outlet.removeAttribute("aria-busy");
    this.outlet.dataset.view = this.current ? this.current.route.path : "";
    const heading = container.querySelector("h1");
    if (heading) {
      document.title = `${heading.textContent.trim()}${this.titleSuffix}`;
      heading.setAttribute("tabindex", "-1");
      if (!this.firstLoad && !keepFocus) heading.focus();
    }
    if (!keepFocus && !this.firstLoad) window.scrollTo(0, 0);
    this.firstLoad = false;
  }
}
