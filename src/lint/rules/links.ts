import { CODES } from '../../diagnostics/codes.js';
import { excerpt } from '../../diagnostics/excerpt.js';
import type { Finding, Rule } from '../model.js';
import { place } from '../locate.js';
import { PRINTED } from '../units.js';

export interface LinksOptions {
  /** link words that say nothing about where the link leads */
  vague: string[];
}

/**
 * Links written with [words](target): the words must say where the link
 * leads (WCAG 2.4.4: "qui" read out of context means nothing, and on paper
 * only the words are printed), a tel: must be a number a phone can dial
 * (E.164: up to 15 digits, an optional +), and an address must be https:
 * — an http:// one is never made a link.
 */
export const links: Rule<LinksOptions> = {
  id: 'links',
  description: 'links whose words say nothing, tel: numbers that cannot be dialled, http:// addresses',
  severity: 'warning',
  defaults: {
    vague: ['qui', 'clicca qui', 'qua', 'questo link', 'link', 'here', 'click here', 'this link', 'more', 'read more', 'hier', 'ici', 'aquí', 'aqui', 'tutaj', 'тут', 'здесь'],
  },
  options: { vague: { type: 'strings', description: 'link words to flag' } },
  check({ leaflet, units }, o) {
    const out: Finding[] = [];
    const vague = new Set(o.vague.map((v) => v.toLocaleLowerCase()));
    for (const lang of leaflet.languages)
      for (const u of units(lang)) {
        if (!PRINTED.has(u.role)) continue;
        for (const m of u.text.matchAll(/\[([^[\]\n]{1,300})\]\(([^()\s]{1,1000})\)/g)) {
          const words = m[1]!.replace(/\*/g, '').trim().toLocaleLowerCase(lang.lang).replace(/[.:!]+$/, '');
          const target = m[2]!;
          const at = place(lang, u.pointer, m.index);
          if (vague.has(words))
            out.push({ code: CODES.LINT_LINK_VAGUE, message: `The link words “${excerpt(m[1]!)}” say nothing about where the link leads. Name the page or the service instead (“il sito del reparto”).`, ...at });
          if (/^tel:/i.test(target) && !/^\+?[0-9]{3,15}$/.test(target.slice(4).replace(/[-.]/g, '')))
            out.push({ code: CODES.LINT_TEL_INVALID, message: `The phone link ${excerpt(target)} is not a number a phone can dial. Write tel: and the digits with the country code, e.g. tel:+390212345678.`, ...at });
        }
        for (const m of u.text.matchAll(/\bhttp:\/\/[^\s<>()"]+/gi))
          out.push({
            code: CODES.LINT_HTTP_LINK,
            message: `${excerpt(m[0])} is an unencrypted http:// address: it is not made a link. Use the https:// address.`,
            ...place(lang, u.pointer, m.index),
          });
      }
    return out;
  },
};
