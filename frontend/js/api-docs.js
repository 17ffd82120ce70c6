// Starts Swagger UI on the API docs page (/schema), which backend/api_docs.py renders without inline script.
// Swagger UI comes from the swagger-ui-dist npm package as the global `SwaggerUIBundle`; writes from
// "Try it out" carry the CSRF token from its cookie, as js/api.js does.
/* global SwaggerUIBundle */

const root = document.getElementById("api-docs");
const { spec, csrfCookie, csrfHeader } = root.dataset;

function cookie(name) {
  const entry = document.cookie.split("; ").find((row) => row.startsWith(`${name}=`));
  return entry ? decodeURIComponent(entry.slice(name.length + 1)) : undefined;
}

SwaggerUIBundle({
  url: spec,
  domNode: root,
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  requestInterceptor(request) {
    const token = csrfCookie ? cookie(csrfCookie) : undefined;
    if (token !== undefined && csrfHeader) request.headers[csrfHeader] = token;
    return request;
  },
});
