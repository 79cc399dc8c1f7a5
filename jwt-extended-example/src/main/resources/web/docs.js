'use strict';
// Swagger UI for /openapi.json, from the files served under /docs (no CDN, no inline script).
window.addEventListener('DOMContentLoaded', function () {
  window.ui = window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,          // never send the document to an outside validator
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    displayRequestDuration: true,
    withCredentials: true
  });
});
