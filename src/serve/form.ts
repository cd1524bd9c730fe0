/**
 * The doctor's patient form, generated from schemas/patient.schema.json so a
 * field added to the patient format appears on the page without a change
 * here. Each input is named by its path (`appointment.date`, `medication.0.name`)
 * which is also where its validation message goes (checkPatient names
 * `patient.<path>`).
 */
import { escapeHtml } from './html.js';

export interface SchemaNode {
  type?: string | string[];
  description?: string;
  pattern?: string;
  maxLength?: number;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
}

export interface FormContext {
  /** language codes offered for a field that names the language of the free text */
  languages: readonly string[];
}

/** Fields the page sets by other means: `skip` is the section picker. */
const NOT_IN_FORM = new Set(['skip']);

export function patientForm(schema: SchemaNode, context: FormContext): string {
  return fields(schema, '', context, new Set(schema.required ?? []));
}

function fields(node: SchemaNode, prefix: string, context: FormContext, required: ReadonlySet<string>): string {
  return Object.entries(node.properties ?? {})
    .filter(([key]) => !(prefix === '' && NOT_IN_FORM.has(key)))
    .map(([key, child]) => field(key, child, prefix ? `${prefix}.${key}` : key, context, required.has(key)))
    .join('\n');
}

function field(key: string, node: SchemaNode, path: string, context: FormContext, required: boolean): string {
  const label = escapeHtml(labelOf(key));
  if (node.type === 'object')
    return `<fieldset data-group="${escapeHtml(path)}"><legend>${label}</legend>\n${fields(node, path, context, new Set(node.required ?? []))}\n</fieldset>`;
  if (node.type === 'array' && node.items?.type === 'object')
    // rows are added by the page from this template; one is shown to begin with
    return `<fieldset data-list="${escapeHtml(path)}"><legend>${label}</legend>
<div class="rows"></div>
<template>${`<fieldset class="row" data-row><legend>${escapeHtml(labelOf(singular(key)))} <span class="n"></span></legend>\n${fields(node.items, `${path}.#`, context, new Set(node.items.required ?? []))}\n<button type="button" data-remove>Remove</button></fieldset>`}</template>
<button type="button" id="add-${escapeHtml(path.replace(/[^\w-]/g, '_'))}" data-add>Add ${escapeHtml(singular(labelOf(key)).toLowerCase())}</button>
</fieldset>`;
  const id = `f-${path.replace(/[^\w#-]/g, '_')}`;
  const hint = node.description ? `<p class="hint" id="${id}-hint">${escapeHtml(node.description)}</p>` : '';
  const described = `${node.description ? `${id}-hint ` : ''}${id}-error`;
  const common = `id="${id}" name="${escapeHtml(path)}" data-field="${escapeHtml(path)}" aria-describedby="${described}"${required ? ' required aria-required="true"' : ''}`;
  let control: string;
  if (node.type === 'boolean')
    control = `<select ${common}><option value="">not said</option><option value="true">yes</option><option value="false">no</option></select>`;
  else if (node.enum)
    control = `<select ${common}><option value=""></option>${node.enum.map((v) => `<option>${escapeHtml(String(v))}</option>`).join('')}</select>`;
  else if (isLanguageField(key))
    control = `<select ${common}><option value="">the leaflet's language</option>${context.languages.map((l) => `<option value="${escapeHtml(l)}">${escapeHtml(languageName(l))} (${escapeHtml(l)})</option>`).join('')}</select>`;
  else if (node.pattern?.includes('\\d{4}-')) control = `<input type="date" ${common}>`;
  else if (node.pattern?.includes('[0-5]\\d')) control = `<input type="time" ${common}>`;
  else if ((node.maxLength ?? 0) > 200) control = `<textarea rows="4" ${common}${node.maxLength ? ` maxlength="${node.maxLength}"` : ''}></textarea>`;
  else control = `<input type="text" autocomplete="off" ${common}>`;
  return `<div class="field"><label for="${id}">${label}${required ? ' (required)' : ''}</label>${hint}${control}<p class="error" id="${id}-error" data-error-for="${escapeHtml(path)}"></p></div>`;
}

/** `lang`, `noteLang`: the language free text is written in */
function isLanguageField(key: string): boolean {
  return key === 'lang' || /Lang$/.test(key);
}

function labelOf(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of one row of a list: "Add medicine", not "Add medication" */
function singular(word: string): string {
  const lower = word.toLowerCase();
  const one = lower === 'medication' ? 'medicine' : lower.replace(/s$/, '');
  return word.charAt(0) === lower.charAt(0) ? one : one.charAt(0).toUpperCase() + one.slice(1);
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
