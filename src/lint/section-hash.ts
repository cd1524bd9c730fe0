import { createHash } from 'node:crypto';
import type { Block, LanguageContent, Section } from '../model/content.js';

/**
 * Content hashes of the source language, which a translation records in
 * `translatedFrom.sections` when it is stamped. A section's hash covers its
 * title, its blocks as written (text with its **markers**, list items, FAQ,
 * key points, figure src/alt/caption) and the ids of its subsections, not
 * their content: each subsection has a hash of its own, so a changed
 * subsection makes only that subsection stale. The title, subtitle and
 * summary are hashed under the key `_front` (no section id can start with _).
 *
 * hash = first 12 hex digits of SHA-256 of the canonical JSON (keys sorted,
 * no spaces) of that content. YAML layout, comments and quoting do not change
 * a hash; any change to the text does.
 */
export const FRONT = '_front';
const HEX_DIGITS = 12;

export function sourceHashes(lang: LanguageContent): Record<string, string> {
  const out: Record<string, string> = {
    [FRONT]: hash({ title: lang.title, subtitle: lang.subtitle ?? null, summary: lang.summary }),
  };
  for (const s of lang.sections) {
    out[s.path] = sectionHash(s);
    for (const sub of s.sections) out[sub.path] = sectionHash(sub);
  }
  return out;
}

export function sectionHash(s: Section): string {
  return hash({ title: s.title, blocks: s.blocks.map(blockContent), sections: s.sections.map((x) => x.id) });
}

function blockContent(b: Block): unknown {
  switch (b.kind) {
    case 'text':
    case 'tip':
    case 'warning':
      return { [b.kind]: b.text };
    case 'list':
    case 'steps':
      return { [b.kind]: b.items };
    case 'faq':
      return { faq: b.items.map((f) => ({ q: f.q, a: f.a, tip: f.tip ?? null })) };
    case 'points':
      return { points: b.items.map((p) => ({ label: p.label, text: p.text })) };
    case 'figure':
      return { figure: { src: b.src, alt: b.alt, caption: b.caption ?? null } };
  }
}

function hash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, HEX_DIGITS);
}

/** JSON with object keys sorted at every level, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
