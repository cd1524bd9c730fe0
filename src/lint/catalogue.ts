import type { Rule, RuleId } from './model.js';
import { readability } from './rules/readability.js';
import { sentenceLength } from './rules/sentence-length.js';
import { translationMissing } from './rules/translation-missing.js';
import { translationUntranslated } from './rules/translation-untranslated.js';
import { translationStale } from './rules/translation-stale.js';
import { duplicateText } from './rules/duplicate-text.js';
import { glyphCoverage } from './rules/glyph-coverage.js';
import { reviewDate } from './rules/review-date.js';
import { documentControl } from './rules/document-control.js';
import { figureAlt } from './rules/figure-alt.js';
import { emptySection } from './rules/empty-section.js';
import { linkText } from './rules/link-text.js';
import { controlCharacters } from './rules/control-characters.js';
import { typedDecoration } from './rules/typed-decoration.js';
import { mixedTypography } from './rules/mixed-typography.js';
import { stringsReviewed } from './rules/strings-reviewed.js';
import { brandTranslation } from './rules/brand-translation.js';

/** Every rule, in the order their findings are listed for one place. */
export const RULES: readonly Rule<object>[] = [
  documentControl,
  reviewDate,
  translationMissing,
  translationStale,
  translationUntranslated,
  controlCharacters,
  glyphCoverage,
  readability,
  sentenceLength,
  duplicateText,
  figureAlt,
  emptySection,
  linkText,
  typedDecoration,
  mixedTypography,
  stringsReviewed,
  brandTranslation,
];

export function ruleById(id: string): Rule<object> | undefined {
  return RULES.find((r) => r.id === (id as RuleId));
}
