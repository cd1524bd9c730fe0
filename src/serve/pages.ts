/**
 * The two pages of `leaflets serve`: the doctor's (choose a leaflet, fill in
 * one patient's details, preview, download or print the PDF) and the
 * editor's (any leaflet and language, reloaded when its files change). Both
 * are plain HTML with one script and one stylesheet from the server; the
 * strict Content-Security-Policy allows nothing else.
 */
import { escapeHtml } from './html.js';

export type PageKind = 'doctor' | 'editor';

export function page(kind: PageKind, options: { token: string; form: string }): string {
  const t = encodeURIComponent(options.token);
  const title = kind === 'doctor' ? 'Patient handout' : 'Leaflet preview for editors';
  const other = kind === 'doctor' ? { href: `/editor?token=${t}`, text: 'Editor preview' } : { href: `/?token=${t}`, text: 'Patient handout' };
  const choose = `<fieldset class="choose"><legend>Leaflet</legend>
<div class="field"><label for="leaflet">Leaflet</label><select id="leaflet" name="leaflet"></select></div>
<div class="field"><label for="lang">Language</label><select id="lang" name="lang"></select></div>
<div class="field"><label for="template">Template</label><select id="template" name="template"></select></div>
<div class="field"><label for="brand">Brand</label><select id="brand" name="brand"></select></div>
${kind === 'doctor' ? '<div class="field"><input type="checkbox" id="allow-draft" name="allowDraft"> <label for="allow-draft" class="inline">Use a draft translation (not yet approved; the handout is marked DRAFT)</label></div>' : ''}
</fieldset>`;
  const sections = `<fieldset class="sections" id="sections"><legend>Sections to include</legend><div id="section-list"></div></fieldset>`;
  const patient =
    kind === 'doctor'
      ? `<fieldset class="patient"><legend>Patient</legend>
<p class="notice">What you type here stays in this browser tab and this computer's memory: it is never saved to disk or written to a log. Close the tab when you are done.</p>
${options.form}
</fieldset>`
      : '';
  const actions =
    kind === 'doctor'
      ? `<div class="actions"><button type="button" id="download">Download PDF</button><button type="button" id="print">Print</button></div>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="leaflets-token" content="${escapeHtml(options.token)}">
<title>${title} — leaflets</title>
<link rel="stylesheet" href="/web/app.css?token=${t}">
<script type="module" src="/web/app.js?token=${t}"></script>
</head>
<body data-page="${kind}">
<header><h1>${title}</h1><nav aria-label="Pages"><a href="${other.href}">${other.text}</a></nav></header>
<main>
<form id="form" class="controls" novalidate aria-label="${kind === 'doctor' ? 'Leaflet and patient details' : 'Leaflet to preview'}">
${choose}
${sections}
${patient}
${actions}
</form>
<section class="preview" aria-labelledby="preview-title">
<h2 id="preview-title">Preview</h2>
<p id="status" role="status" aria-live="polite"></p>
<div id="problems" role="alert" hidden></div>
<div id="warnings" hidden></div>
<iframe id="preview" title="Leaflet preview" sandbox="allow-same-origin allow-modals"></iframe>
</section>
</main>
</body>
</html>
`;
}
