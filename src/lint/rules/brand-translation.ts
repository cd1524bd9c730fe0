import { CODES } from '../../diagnostics/codes.js';
import type { Localized } from '../../model/brand.js';
import type { Finding, Rule } from '../model.js';

/**
 * A brand's name, footer or logo text given per language but not in a
 * leaflet's language falls back to English (or the first given): the
 * leaflet marks it as that language, but the patient still reads another
 * language. Said once per brand, field and language, at the field.
 */
export const brandTranslation: Rule = {
  id: 'brand-translation',
  description: "brand text (name, footer, logo text) missing in a leaflet's language",
  severity: 'warning',
  defaults: {},
  options: {},
  check({ leaflet, brands }) {
    const out: Finding[] = [];
    for (const brand of brands ?? [])
      for (const [field, text] of [['name', brand.name], ['footer', brand.footer], ['logoAlt', brand.logo?.alt]] as [string, Localized | undefined][]) {
        // logo text defaults to the name: one warning for the name says it
        if (text === undefined || typeof text === 'string' || (field === 'logoAlt' && text === brand.name)) continue;
        for (const lang of leaflet.languages) {
          if (Object.hasOwn(text, lang.lang)) continue;
          const fallback = Object.hasOwn(text, 'en') ? 'en' : Object.keys(text)[0];
          const p = brand.sourceMap?.locate(`/${field}`) ?? { line: 1, column: 1 };
          out.push({
            code: CODES.LINT_BRAND_UNTRANSLATED,
            message: `The brand '${brand.id}' has no '${lang.lang}' ${field === 'logoAlt' ? 'logo text' : field}: leaflets in ${lang.lang} show the '${fallback}' one. Add ${lang.lang}: … under ${field}.`,
            file: brand.file,
            line: p.line,
            column: p.column,
          });
        }
      }
    return out;
  },
};
