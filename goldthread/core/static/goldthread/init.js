// Start every GOV.UK Frontend component on the page, and again after htmx swaps content in.
import { initAll } from "/static/build/govuk-frontend.min.js";

initAll();
document.body.addEventListener("htmx:afterSettle", (event) => initAll({ scope: event.target }));
