// Builds the front-end assets into goldthread/core/static/build/ (not committed; core is an app, so its static folder is found).
// GOV.UK Frontend is compiled from Sass so that a council's pages use a system
// font: GDS Transport is only for GOV.UK itself.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "goldthread", "core", "static", "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist");
mkdirSync(out, { recursive: true });

const source = `
@use "govuk/index" with (
  $govuk-font-family: (system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif),
  $govuk-include-default-font-face: false,
  $govuk-assets-path: "/static/build/assets/"
);
`;
const css = sass.compileString(source, { loadPaths: [govuk], style: "compressed", quietDeps: true });
writeFileSync(join(out, "govuk-frontend.min.css"), css.css);
cpSync(join(govuk, "govuk", "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(govuk, "govuk", "assets"), join(out, "assets"), { recursive: true });
cpSync(join(root, "node_modules", "htmx.org", "dist", "htmx.min.js"), join(out, "htmx.min.js"));
console.log(`assets built in ${out}`);
