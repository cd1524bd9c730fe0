#!/usr/bin/env node
// Precompiles the bundled Handlebars templates (templates/*/leaflet.hbs and
// partials) into dist/templates.precompiled.json, keyed by a hash of source,
// compile options and Handlebars version (src/compose/engine.ts). Parsing and
// compiling the templates was most of a cold render's compose step; a
// template edited after the build simply misses and is compiled at run time.
// Runs after tsc in `npm run build`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { templateKey, precompileSource, stringReadsOfSource } = await import(pathToFileURL(path.join(root, 'dist/compose/engine.js')).href);

const sources = [];
const templates = path.join(root, 'templates');
for (const t of readdirSync(templates, { withFileTypes: true })) {
  if (!t.isDirectory()) continue;
  const dir = path.join(templates, t.name);
  const files = readdirSync(dir).filter((f) => f.endsWith('.hbs')).map((f) => path.join(dir, f));
  try {
    files.push(...readdirSync(path.join(dir, 'partials')).filter((f) => f.endsWith('.hbs')).map((f) => path.join(dir, 'partials', f)));
  } catch {
    /* no partials */
  }
  for (const f of files.sort()) sources.push(readFileSync(f, 'utf8'));
}

const out = {};
// where each source reads its strings (t.<key>), so a render checks its language pack without Handlebars' parser
const reads = {};
for (const source of sources) {
  try {
    out[templateKey(source)] = precompileSource(source);
    reads[templateKey(source)] = stringReadsOfSource(source);
  } catch {
    // a template with a syntax error is reported when it is used, naming its file
  }
}
writeFileSync(path.join(root, 'dist/templates.precompiled.json'), JSON.stringify(out));
writeFileSync(path.join(root, 'dist/templates.strings.json'), JSON.stringify(reads));

// The bundled stylesheets that pass the stylesheet check, as text: a render
// of a bundled template then skips parsing its CSS again (src/content/template.ts).
const { checkStylesheet } = await import(pathToFileURL(path.join(root, 'dist/content/stylesheet.js')).href);
const clean = [];
for (const t of readdirSync(templates, { withFileTypes: true })) {
  if (!t.isDirectory()) continue;
  let css;
  try {
    css = readFileSync(path.join(templates, t.name, 'style.css'), 'utf8');
  } catch {
    continue;
  }
  if (checkStylesheet(css, `templates/${t.name}/style.css`).length === 0) clean.push(css);
}
writeFileSync(path.join(root, 'dist/stylesheets.checked.json'), JSON.stringify(clean));
