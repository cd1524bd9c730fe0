/**
 * Which stretches of right-to-left text read left to right as one piece:
 * the rule both writers isolate by (the HTML composer with
 * `<span dir="ltr">`, the PDF writer with an isolate around the run before
 * the bidirectional algorithm levels the line).
 *
 * By the algorithm alone, a number followed by a Latin unit after an Arabic
 * or Hebrew word ("38 °C", "500 mg") and the digit groups of a phone number
 * ("+39 02 1234 5678") are ordered by the right-to-left words around them
 * and shown as "C° 38", "mg 500", "5678 1234 02 39+". A run starts with a
 * Latin letter, a digit or "+", ends with a Latin letter, a digit, "%", "°"
 * or a closing bracket it opened, and holds nothing else but spaces and the
 * punctuation of numbers, dates, times and addresses; a right-to-left letter
 * ends it. A bare number, range or percentage ("70–80%", "٣٠") is left to
 * the algorithm, which reads an Arabic range from the right as Arabic
 * readers expect.
 */
const RUN =
  /[\p{Script=Latin}\p{Nd}+](?:[\p{Script=Latin}\p{Nd} \u00a0\u202f.,:/\-\u2010\u2011\u2013+%\u00b0\u00b5\u2030_@?=&#~()]*[\p{Script=Latin}\p{Nd}%\u00b0\u2030)])?/gu;
/** a number, a range of numbers or a percentage, nothing more */
const BARE_NUMBER = /^\p{Nd}+(?:[.,]\p{Nd}+)*(?:[-\u2010\u2011\u2013]\p{Nd}+(?:[.,]\p{Nd}+)*)?[%\u2030]?$/u;
/** trailing characters a run may not end with once a bracket is cut off */
const TRAILING = /[\s\u00a0\u202f.,:/\-\u2010\u2011\u2013_@?=&#~(+]+$/u;

export interface TextSpan {
  start: number;
  end: number;
}

/** The left-to-right runs of a text that stands in a right-to-left paragraph, in order, not overlapping. */
export function ltrRuns(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(RUN)) {
    const run = balanced(m[0]);
    if (run && !BARE_NUMBER.test(run)) out.push({ start: m.index, end: m.index + run.length });
  }
  return out;
}

/** The run up to a bracket it does not balance: "(Paracetamol)" keeps its brackets outside, as a mirrored pair. */
function balanced(run: string): string {
  let depth = 0;
  for (let i = 0; i < run.length; i++) {
    if (run[i] === '(') depth++;
    else if (run[i] === ')' && --depth < 0) return run.slice(0, i).replace(TRAILING, '');
  }
  return depth > 0 ? run.slice(0, run.indexOf('(')).replace(TRAILING, '') : run;
}
