// Swagger UI on the API page, started from this file rather than an inline script (the site's
// Content-Security-Policy allows none). The schema's address comes from the page.
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    deepLinking: true,
    validatorUrl: null, // the default validator is another site: nothing leaves this one
    supportedSubmitMethods: ["get"],
  });
});
