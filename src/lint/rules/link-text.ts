import { CODES } from '../../diagnostics/codes.js';
import type { Finding, Rule } from '../model.js';
import { place } from '../locate.js';
import { splitSentences, words } from '../sentences.js';
import { PRINTED } from '../units.js';

export interface LinkTextOptions {
  /** a URL needs at least this many other words in its sentence saying what it leads to */
  minWords: number;
  /** link phrases that mean nothing out of context or on paper */
  phrases: string[];
}

/**
 * Our inline text has no link syntax: a link is a web address written out
 * (http://…, https://… or www.…). A link "has no text" when the sentence
 * around it does not say where it leads — a bare address, or one introduced
 * by "click here" / "clicca qui" — which a screen reader reads out letter by
 * letter and which means nothing on paper (WCAG 2.4.4, link purpose).
 */
export const linkText: Rule<LinkTextOptions> = {
  id: 'link-text',
  description: 'web addresses with no words saying where they lead, and "click here" style link text',
  severity: 'warning',
  defaults: {
    minWords: 3,
    phrases: [
      'click here',
      'click on',
      'click the link',
      'tap here',
      'this link',
      'read more',
      'clicca qui',
      'clicca sul link',
      'clicca il link',
      'clicca su',
      'premi qui',
      'questo link',
      'leggi qui',
    ],
  },
  options: {
    minWords: { type: 'integer', min: 0, description: 'words a sentence needs besides its web address' },
    phrases: { type: 'strings', description: 'link phrases to flag' },
  },
  check({ leaflet, units }, o) {
    const out: Finding[] = [];
    const phrases = o.phrases.map((p) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(p)}(?![\\p{L}\\p{N}])`, 'iu'));
    for (const lang of leaflet.languages)
      for (const u of units(lang)) {
        if (!PRINTED.has(u.role)) continue;
        for (const s of splitSentences(u.text)) {
          for (const re of phrases) {
            const m = re.exec(s.text);
            if (m)
              out.push({
                code: CODES.LINT_LINK_TEXT,
                message: `“${m[0]}” says nothing about where a link leads and cannot be clicked on paper. Name the page instead, then give its address (“the clinic's website, www.…”).`,
                ...place(lang, u.pointer, s.start + m.index),
              });
          }
          for (const m of s.text.matchAll(/\b(?:https?:\/\/|www\.)[^\s<>()"“”]+/giu)) {
            const rest = s.text.slice(0, m.index) + s.text.slice(m.index! + m[0].length);
            if (words(rest.replace(/\*/g, ''), lang.lang).length < o.minWords)
              out.push({
                code: CODES.LINT_LINK_TEXT,
                message: `The web address ${m[0].replace(/[.,;:!?]+$/, '')} has no words saying where it leads. Say what the page is before the address.`,
                ...place(lang, u.pointer, s.start + m.index!),
              });
          }
        }
      }
    return out;
  },
};

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}
