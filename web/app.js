// The page of `leaflets serve` (doctor and editor). Plain DOM, no framework:
// the page is small, and everything it loads must pass a strict
// Content-Security-Policy (script-src 'self'). Patient details travel only
// in POST bodies; nothing is kept in storage, cookies or the address bar.
const token = document.querySelector('meta[name="leaflets-token"]').content;
const kind = document.body.dataset.page;
const $ = (id) => document.getElementById(id);
const form = $('form');
const frame = $('preview');
const status = $('status');
const problems = $('problems');
let options = { leaflets: [], templates: [], brands: [] };
let asked = 0;

async function api(path, body) {
  const init = { headers: { 'x-leaflets-token': token }, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) Object.assign(init, { method: 'POST', body: JSON.stringify(body), headers: { ...init.headers, 'content-type': 'application/json' } });
  return fetch(path, init);
}

function fill(select, values, keep) {
  const before = keep ?? select.value;
  select.replaceChildren(...values.map(([value, text]) => new Option(text, value)));
  if (values.some(([v]) => v === before)) select.value = before;
}

function leaflet() {
  return options.leaflets.find((l) => l.id === $('leaflet').value);
}
function language() {
  return leaflet()?.languages.find((c) => c.lang === $('lang').value);
}

async function loadOptions() {
  const r = await api('/api/options');
  options = await r.json();
  fill($('leaflet'), options.leaflets.map((l) => [l.id, l.ok ? l.id : `${l.id} (has problems)`]));
  fill($('template'), options.templates.map((t) => [t, t]), $('template').value || 'standard');
  fill($('brand'), [['', 'neutral (no brand)'], ...options.brands.map((b) => [b, b])]);
  languages();
}

function languages() {
  const l = leaflet();
  fill($('lang'), (l?.languages ?? []).map((c) => [c.lang, `${c.lang}${c.status === 'approved' ? '' : ` (${c.status})`} — ${c.title}`]), $('lang').value || l?.source);
  sections();
}

function sections() {
  const list = $('section-list');
  const was = new Map([...list.querySelectorAll('input')].map((i) => [i.value, i.checked]));
  const box = (s, depth) => {
    const id = `s-${s.path.replace(/\W/g, '_')}`;
    const item = document.createElement('li');
    const input = Object.assign(document.createElement('input'), { type: 'checkbox', id, value: s.path, checked: was.get(s.path) ?? true });
    input.dataset.depth = String(depth);
    const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: s.title.replace(/\*/g, '') });
    item.append(input, ' ', label);
    if (s.sections.length) {
      const sub = document.createElement('ul');
      sub.append(...s.sections.map((c) => box(c, depth + 1)));
      item.append(sub);
    }
    return item;
  };
  const ul = document.createElement('ul');
  ul.append(...(language()?.sections ?? []).map((s) => box(s, 0)));
  list.replaceChildren(ul);
}

/** The checked sections, as render's --sections takes them; undefined when all are. */
function chosenSections() {
  const boxes = [...$('section-list').querySelectorAll('input')];
  if (boxes.every((b) => b.checked)) return undefined;
  const out = [];
  for (const top of $('section-list').querySelectorAll(':scope > ul > li')) {
    const input = top.querySelector(':scope > input');
    const sub = top.querySelector(':scope > ul');
    if (!input.checked) continue;
    const children = sub ? [...sub.querySelectorAll(':scope > li > input')] : [];
    if (children.every((c) => c.checked)) out.push(input.value);
    else out.push(...children.filter((c) => c.checked).map((c) => c.value));
  }
  return out;
}

/** The patient form as the patient format's nested object; empty fields left out. */
function patient() {
  const root = $('form').querySelector('fieldset.patient');
  if (!root) return undefined;
  const out = {};
  for (const el of root.querySelectorAll('[data-field]')) {
    if (el.closest('template')) continue;
    let v = el.value.trim();
    if (v === '') continue;
    if (el.tagName === 'SELECT' && (v === 'true' || v === 'false') && el.options[1]?.value === 'true') v = v === 'true';
    const keys = el.name.split('.');
    let at = out;
    keys.forEach((k, i) => {
      const key = /^\d+$/.test(k) ? Number(k) : k;
      if (i === keys.length - 1) at[key] = v;
      else at = at[key] ??= /^\d+$/.test(keys[i + 1]) ? [] : {};
    });
  }
  for (const [k, v] of Object.entries(out)) if (Array.isArray(v)) out[k] = v.filter(Boolean);
  return Object.keys(out).length ? out : undefined;
}

function request() {
  return {
    leaflet: $('leaflet').value,
    lang: $('lang').value,
    template: $('template').value,
    brand: $('brand').value,
    sections: chosenSections(),
    patient: patient(),
    allowDraft: $('allow-draft')?.checked === true,
  };
}

function clearErrors() {
  for (const p of document.querySelectorAll('[data-error-for]')) p.textContent = '';
  for (const el of document.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  problems.hidden = true;
  problems.replaceChildren();
}

/** Warnings (an appointment already past, a fallback) beside a preview that is still good. */
function showWarnings(list) {
  const box = $('warnings');
  box.replaceChildren();
  box.hidden = !list.length;
  if (!list.length) return;
  const ul = document.createElement('ul');
  for (const d of list) ul.append(Object.assign(document.createElement('li'), { textContent: `${d.code} warning: ${d.message}` }));
  box.append(Object.assign(document.createElement('h3'), { textContent: 'Worth a look' }), ul);
}

function where(d) {
  return d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}` : '';
}

/** Patient problems beside their field; content problems in the list above the (hidden) preview. */
function showProblems(diagnostics) {
  clearErrors();
  const listed = [];
  for (const d of diagnostics) {
    const field = d.file?.startsWith('patient.') ? d.file.slice('patient.'.length).replace(/\[(\d+)\]/g, '.$1') : undefined;
    const slot = field && document.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
    if (slot) {
      slot.textContent = d.message;
      document.querySelector(`[data-field="${CSS.escape(field)}"]`)?.setAttribute('aria-invalid', 'true');
    } else listed.push(d);
  }
  if (listed.length) {
    const ul = document.createElement('ul');
    for (const d of listed) {
      const li = document.createElement('li');
      const code = Object.assign(document.createElement('code'), { textContent: `${where(d)} ${d.code}` });
      li.append(code, ` ${d.severity}: ${d.message}`);
      ul.append(li);
    }
    problems.replaceChildren(Object.assign(document.createElement('h3'), { textContent: 'Problems to fix' }), ul);
    problems.hidden = false;
  }
}

async function preview() {
  const n = ++asked;
  status.textContent = 'Updating the preview…';
  const r = await api('/api/preview', request());
  const answer = await r.json();
  if (n !== asked) return; // a newer request is on its way
  if (!answer.ok) {
    showWarnings([]);
    showProblems(answer.diagnostics);
    // never a stale preview beside problems: it would show what is not there
    frame.removeAttribute('src');
    frame.hidden = true;
    status.textContent = `The preview is not up to date: ${answer.diagnostics.length} problem${answer.diagnostics.length > 1 ? 's' : ''} to fix.`;
    return;
  }
  clearErrors();
  showWarnings(answer.warnings ?? []);
  frame.hidden = false;
  frame.src = `${answer.preview}?token=${encodeURIComponent(token)}`;
  status.textContent = 'Preview up to date.';
}

let timer;
function soon() {
  clearTimeout(timer);
  timer = setTimeout(preview, 150);
}

async function download() {
  status.textContent = 'Making the PDF…';
  const r = await api('/api/pdf', request());
  if (!r.ok) {
    const answer = await r.json();
    showProblems(answer.diagnostics);
    status.textContent = 'No PDF: fix the problems first.';
    return;
  }
  const name = /filename="([^"]+)"/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? 'leaflet.pdf';
  const url = URL.createObjectURL(await r.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // the PDF holds the patient's details: let it go as soon as the browser has it
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  status.textContent = `PDF ready: ${name}.`;
}

function addRow(list) {
  const rows = list.querySelector('.rows');
  const n = rows.children.length;
  const html = list.querySelector('template').content.cloneNode(true);
  for (const el of html.querySelectorAll('[name], [id], [for], [data-field], [data-error-for], [aria-describedby]'))
    for (const attr of ['name', 'id', 'for', 'data-field', 'data-error-for', 'aria-describedby'])
      if (el.hasAttribute(attr)) el.setAttribute(attr, el.getAttribute(attr).replaceAll('.#.', `.${n}.`).replaceAll('_#_', `_${n}_`));
  html.querySelector('.n').textContent = String(n + 1);
  rows.append(html);
  return rows.lastElementChild;
}

form.addEventListener('input', (e) => {
  if (e.target.id === 'leaflet') languages();
  else if (e.target.id === 'lang') sections();
  soon();
});
form.addEventListener('change', (e) => {
  if (e.target.matches('#section-list input')) {
    const sub = e.target.closest('li').querySelector('ul');
    if (sub) for (const c of sub.querySelectorAll('input')) c.disabled = !e.target.checked;
  }
});
form.addEventListener('click', (e) => {
  const list = e.target.closest('[data-list]');
  if (e.target.matches('[data-add]') && list) addRow(list).querySelector('input, select, textarea')?.focus();
  else if (e.target.matches('[data-remove]')) {
    e.target.closest('[data-row]').remove();
    soon();
  }
});
form.addEventListener('submit', (e) => e.preventDefault());
$('download')?.addEventListener('click', download);
$('print')?.addEventListener('click', () => frame.contentWindow?.print());

if (kind === 'editor') {
  const events = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  events.addEventListener('change', async () => {
    await loadOptions();
    await preview();
  });
}

await loadOptions();
await preview();
