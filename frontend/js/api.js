/**
 * The only module that calls fetch(): JSON in and out, session cookie, CSRF header on writes,
 * Accept-Language from the chosen UI language, RFC 9457 problem details turned into ApiError.
 */
import { currentLang } from "./i18n.js";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** A refused request: HTTP status, the localised detail and the fields concerned. */
export class ApiError extends Error {
  constructor(status, problem = {}) {
    super(problem.detail || `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.detail = problem.detail || "";
    this.detail_de = problem.detail_de || problem.detail || "";
    this.detail_en = problem.detail_en || problem.detail || "";
    this.type = problem.type || "";
    /** @type {{field: string|null, detail_de: string, detail_en: string}[]} */
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem;
  }

  /** The message in the current UI language. */
  message_for(lang = currentLang()) {
    return (lang === "en" ? this.detail_en : this.detail_de) || this.detail;
  }
}

function cookie(name) {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(";")) {
    const item = part.trim();
    if (item.startsWith(prefix)) return decodeURIComponent(item.slice(prefix.length));
  }
  return "";
}

/** The API's root; every path below it is built by apiUrl. */
export const API_ROOT = "/api/v1";

function isQuery(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `path?query` with the query written by URLSearchParams; empty, null and undefined values are left out. */
export function withQuery(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    for (const v of [value].flat()) params.append(key, String(v));
  }
  const text = params.toString();
  return text ? `${path}${path.includes("?") ? "&" : "?"}${text}` : path;
}

function segment(value) {
  if (value === undefined || value === null || value === "") {
    throw new TypeError("apiUrl: a path segment is missing");
  }
  return encodeURIComponent(String(value));
}

/**
 * THE way to write an API address: apiUrl("municipalities", slug, "reports", id, {sort: "newest"})
 * → "/api/v1/municipalities/taunusstein/reports/12?sort=newest". Every segment is encoded on its own
 * (a "/" inside a value cannot reach another endpoint); a last plain object becomes the query string.
 * A missing segment (undefined, null, "") throws instead of requesting ".../undefined".
 */
export function apiUrl(...parts) {
  const query = parts.length && isQuery(parts[parts.length - 1]) ? parts.pop() : null;
  return withQuery(`${API_ROOT}/${parts.map(segment).join("/")}`, query);
}

/** apiUrl below one municipality: municipalityUrl(slug, "reports", id) → "/api/v1/municipalities/{slug}/reports/{id}". */
export function municipalityUrl(slug, ...parts) {
  return apiUrl("municipalities", slug, ...parts);
}

/**
 * Send one request. Options: `json` (a body sent as JSON), `form` (a FormData, e.g. a photo upload),
 * `query` (an object for the query string), `signal` (AbortSignal). Returns parsed JSON, text or null.
 */
export async function request(method, path, { json, form, query, signal } = {}) {
  const headers = { Accept: "application/json, application/problem+json", "Accept-Language": currentLang() };
  const init = { method, headers, credentials: "same-origin", signal };
  if (!SAFE.has(method)) {
    const token = cookie("csrftoken");
    if (token) headers["x-csrftoken"] = token;
  }
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(json);
  } else if (form !== undefined) {
    init.body = form; // the browser sets the multipart boundary
  }
  let response;
  try {
    response = await fetch(withQuery(path, query), init);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, {
      detail_de: "Keine Verbindung zum Server. Bitte versuchen Sie es gleich noch einmal.",
      detail_en: "No connection to the server. Please try again in a moment.",
    });
  }
  const type = response.headers.get("content-type") || "";
  const body = response.status === 204 ? null : type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, typeof body === "object" && body ? body : { detail: String(body || "") });
  }
  return body;
}

export const api = {
  get: (path, options) => request("GET", path, options),
  post: (path, json, options = {}) => request("POST", path, { ...options, json }),
  put: (path, json, options = {}) => request("PUT", path, { ...options, json }),
  patch: (path, json, options = {}) => request("PATCH", path, { ...options, json }),
  delete: (path, options) => request("DELETE", path, options),
  /** POST a FormData (multipart), e.g. a photo. */
  upload: (path, form, options = {}) => request("POST", path, { ...options, form }),
};
