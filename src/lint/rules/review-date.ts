import { CODES } from '../../diagnostics/codes.js';
import type { Finding, Rule } from '../model.js';
import { place } from '../locate.js';

export interface ReviewDateOptions {
  /** warn this many days before the review date */
  warnDays: number;
}

const DAY = 24 * 60 * 60 * 1000;
const days = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;

/**
 * Document control: content past its review date must not be handed to
 * patients (an error); a review due soon is a warning, so there is time to do
 * it. "Today" is a parameter (the CLI's --today, else the clock at the edge).
 */
export const reviewDate: Rule<ReviewDateOptions> = {
  id: 'review-date',
  description: 'review date passed (error) or within 60 days (warning)',
  severity: 'error',
  defaults: { warnDays: 60 },
  options: { warnDays: { type: 'integer', min: 0, description: 'days before the review date to start warning' } },
  check({ leaflet, today }, o) {
    const review = leaflet.document.review;
    const left = days(review) - days(today);
    const at = place(leaflet, '/document/review');
    if (left < 0)
      return [
        {
          code: CODES.LINT_REVIEW_PASSED,
          severity: 'error',
          message: `The review date ${review} has passed (today is ${today}). Review the content, then set the next date in document.review.`,
          ...at,
        },
      ];
    if (left <= o.warnDays)
      return [
        {
          code: CODES.LINT_REVIEW_SOON,
          severity: 'warning',
          message: `The review date ${review} is ${left === 0 ? 'today' : `in ${left} day${left === 1 ? '' : 's'}`}. Plan the review of this leaflet.`,
          ...at,
        },
      ];
    return [] as Finding[];
  },
};
