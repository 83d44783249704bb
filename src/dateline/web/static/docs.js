// Interactive API docs: Swagger UI from the package's own copy (no CDN), over /openapi.json.
"use strict";
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
document.body.dataset.loaded = "docs";
