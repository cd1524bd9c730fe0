import { CODES } from '../../diagnostics/codes.js';
import type { Block, LanguageContent, Section } from '../../model/content.js';
import type { Finding, Rule } from '../model.js';
import { place, shortPlace } from '../locate.js';

const KIND_NAMES: Record<Block['kind'], string> = {
  text: 'a paragraph (text)',
  list: 'a list',
  steps: 'numbered steps',
  tip: 'a tip',
  warning: 'a warning',
  faq: 'questions and answers (faq)',
  points: 'key points',
  figure: 'a figure',
  table: 'a table',
  checklist: 'a checklist',
  urgent: 'an urgent-help box (urgent)',
  terms: 'a glossary (terms)',
  notes: 'lines for notes',
  timeline: 'a timeline',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Every part of the source language must exist in each translation: section,
 * subsection, block (same kind at the same position), list item, step, FAQ
 * question, answer paragraph and tip, key point, figure caption. Reported in
 * the translation's file, at the nearest place that exists there.
 */
export const translationMissing: Rule = {
  id: 'translation-missing',
  description: 'parts of the source language that a translation lacks (or has in a different shape)',
  severity: 'error',
  defaults: {},
  options: {},
  check({ leaflet }) {
    const source = leaflet.languages.find((l) => l.lang === leaflet.source);
    if (!source) return [];
    const out: Finding[] = [];
    for (const t of leaflet.languages) if (t !== source) out.push(...compare(source, t));
    return out;
  },
};

function compare(src: LanguageContent, tr: LanguageContent): Finding[] {
  const out: Finding[] = [];
  const srcName = src.file.split(/[\\/]/).pop()!;
  const at = (pointer: string) => place(tr, pointer);
  const there = (pointer: string) => shortPlace(place(src, pointer));
  const report = (pointer: string, message: string) =>
    out.push({ code: CODES.LINT_TRANSLATION_MISSING, message, ...at(pointer) });

  if (src.subtitle !== undefined && tr.subtitle === undefined)
    report('/title', `The subtitle (${there('/subtitle')}) has no translation: add a subtitle.`);
  countMismatch(src.summary.length, tr.summary.length, 'summary paragraph', (i) => `/summary/${i}`, '/summary');

  const trSections = new Map<string, Section>();
  for (const s of tr.sections) {
    trSections.set(s.path, s);
    for (const sub of s.sections) trSections.set(sub.path, sub);
  }
  const visit = (s: Section, parentPointer: string) => {
    const t = trSections.get(s.path);
    if (!t) {
      report(parentPointer, `Section '${s.path}' (${there(s.at.pointer)}) has no translation: add it with id '${s.id}'.`);
      return;
    }
    compareBlocks(s, t);
    for (const sub of s.sections) visit(sub, `${t.at.pointer}/title`);
  };
  for (const s of src.sections) visit(s, '/sections');
  return out;

  function countMismatch(
    want: number,
    have: number,
    what: string,
    srcPointer: (i: number) => string,
    trPointer: string,
    where = '',
  ): void {
    if (have < want) {
      const missing = Array.from({ length: want - have }, (_, k) => have + k);
      report(
        trPointer,
        `${srcName} has ${plural(want, what)}${where}, this translation ${have}: ${missing
          .map((i) => `${what} ${i + 1} (${there(srcPointer(i))})`)
          .join(', ')} ${missing.length === 1 ? 'has' : 'have'} no translation.`,
      );
    } else if (have > want)
      report(
        trPointer,
        `This translation has ${plural(have, what)}${where}, ${srcName} ${want}: remove the extra ${what}${have - want > 1 ? 's' : ''} or add ${have - want > 1 ? 'them' : 'it'} to the source first.`,
      );
  }

  function compareBlocks(s: Section, t: Section): void {
    const where = ` in section '${s.path}'`;
    const n = Math.max(s.blocks.length, t.blocks.length);
    for (let i = 0; i < n; i++) {
      const a = s.blocks[i];
      const b = t.blocks[i];
      if (a && !b) {
        report(
          `${t.at.pointer}/${t.blocks.length ? 'blocks' : 'title'}`,
          `Block ${i + 1}${where}, ${KIND_NAMES[a.kind]} (${there(a.at.pointer)}), has no translation.`,
        );
        continue;
      }
      if (!a && b) {
        report(b.at.pointer, `Block ${i + 1}${where} has no counterpart in ${srcName}: remove it or add it to the source first.`);
        continue;
      }
      if (!a || !b) continue;
      if (a.kind !== b.kind) {
        report(
          b.at.pointer,
          `Block ${i + 1}${where} is ${KIND_NAMES[a.kind]} in ${srcName} (${there(a.at.pointer)}) but ${KIND_NAMES[b.kind]} here: keep the source's blocks, in the same order.`,
        );
        continue;
      }
      compareBlock(a, b, where);
    }
  }

  function compareBlock(a: Block, b: Block, where: string): void {
    if ((a.kind === 'list' || a.kind === 'steps') && (b.kind === 'list' || b.kind === 'steps'))
      countMismatch(a.items.length, b.items.length, a.kind === 'list' ? 'list item' : 'step', (i) => `${a.at.pointer}/${a.kind}/${i}`, b.at.pointer, where);
    else if (a.kind === 'checklist' && b.kind === 'checklist')
      countMismatch(a.items.length, b.items.length, 'checklist item', (i) => `${a.at.pointer}/checklist/${i}`, b.at.pointer, where);
    else if (a.kind === 'urgent' && b.kind === 'urgent') {
      countMismatch(a.items.length, b.items.length, 'sign', (i) => `${a.at.pointer}/urgent/items/${i}`, `${b.at.pointer}/urgent/items`, where);
      if (a.text !== undefined && b.text === undefined)
        report(`${b.at.pointer}/urgent`, `The urgent box's text (${there(`${a.at.pointer}/urgent/text`)}) has no translation.`);
    } else if (a.kind === 'terms' && b.kind === 'terms')
      countMismatch(a.items.length, b.items.length, 'term', (i) => a.items[i]!.at.pointer, b.at.pointer, where);
    else if (a.kind === 'table' && b.kind === 'table') {
      countMismatch(a.head.length, b.head.length, 'column', (i) => `${a.at.pointer}/table/head/${i}`, `${b.at.pointer}/table/head`, where);
      countMismatch(a.rows.length, b.rows.length, 'row', (i) => `${a.at.pointer}/table/rows/${i}`, `${b.at.pointer}/table/rows`, where);
      if (a.caption !== undefined && b.caption === undefined)
        report(`${b.at.pointer}/table`, `The table's caption (${there(`${a.at.pointer}/table/caption`)}) has no translation.`);
    } else if (a.kind === 'timeline' && b.kind === 'timeline') {
      countMismatch(a.entries.length, b.entries.length, 'timeline entry', (i) => a.entries[i]!.at.pointer, b.at.pointer, where);
      a.entries.forEach((e, i) => {
        const te = b.entries[i];
        if (!te) return;
        // a translation moves no step of the plan: the same day and time as the source
        if (te.days !== e.days || te.hours !== e.hours || te.time !== e.time)
          report(te.at.pointer, `Timeline entry ${i + 1} is at a different time from ${srcName} (${there(e.at.pointer)}): keep the source's days, hours and time.`);
        countMismatch(e.items.length, te.items.length, 'item', (k) => `${e.at.pointer}/items/${k}`, `${te.at.pointer}/items`, ` in timeline entry ${i + 1}`);
      });
    } else if (a.kind === 'points' && b.kind === 'points')
      countMismatch(a.items.length, b.items.length, 'key point', (i) => a.items[i]!.at.pointer, b.at.pointer, where);
    else if (a.kind === 'figure' && b.kind === 'figure') {
      if (a.caption !== undefined && b.caption === undefined)
        report(`${b.at.pointer}/figure`, `The figure's caption (${there(`${a.at.pointer}/figure/caption`)}) has no translation.`);
    } else if (a.kind === 'faq' && b.kind === 'faq') {
      countMismatch(a.items.length, b.items.length, 'question', (i) => a.items[i]!.at.pointer, b.at.pointer, where);
      a.items.forEach((qa, i) => {
        const tq = b.items[i];
        if (!tq) return;
        countMismatch(qa.a.length, tq.a.length, 'answer paragraph', (k) => `${qa.at.pointer}/a/${k}`, `${tq.at.pointer}/a`, ` for question ${i + 1}`);
        if (qa.tip !== undefined && tq.tip === undefined)
          report(tq.at.pointer, `The tip of question ${i + 1} (${there(`${qa.at.pointer}/tip`)}) has no translation: add a tip.`);
        else if (qa.tip === undefined && tq.tip !== undefined)
          report(`${tq.at.pointer}/tip`, `Question ${i + 1} has a tip that ${srcName} does not have: remove it or add it to the source first.`);
      });
    }
  }
}
