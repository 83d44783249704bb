// Copy the dashboard's front-end libraries from node_modules into the package.
// Run from web-src/:  npm ci && node scripts/vendor.mjs
// Nothing is fetched at run time: the dashboard only loads these copies.
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "..", "node_modules");
const target = join(here, "..", "..", "src", "dateline", "web", "static", "vendor");

const FILES = [
  ["d3/dist/d3.min.js", "d3.min.js", "d3/LICENSE"],
  ["topojson-client/dist/topojson-client.min.js", "topojson-client.min.js", "topojson-client/LICENSE"],
  ["world-atlas/countries-110m.json", "countries-110m.json", "world-atlas/LICENSE"],
  ["swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-bundle.js", "swagger-ui-dist/LICENSE"],
  ["swagger-ui-dist/swagger-ui.css", "swagger-ui.css", "swagger-ui-dist/LICENSE"],
];

mkdirSync(target, { recursive: true });
const manifest = [];
for (const [from, to, license] of FILES) {
  const pkg = from.split("/")[0];
  const version = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")).version;
  copyFileSync(join(modules, from), join(target, to));
  copyFileSync(join(modules, license), join(target, `${pkg}.LICENSE`));
  manifest.push({ file: to, package: pkg, version, bytes: statSync(join(target, to)).size });
}
writeFileSync(join(target, "MANIFEST.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(manifest);
