/**
 * Inline text → escaped HTML. **bold** and *italic* become strong and em,
 * links become <a href>: [text](https://…), [text](tel:+39…),
 * [text](mailto:…) and bare https:// addresses. Everything else, including
 * <, & and {{ }}, shows literally.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESC[c]!);
}
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * `rtl`: the text stands in a right-to-left leaflet. Runs that read left to
 * right — Latin drug names with their dose, numbers with units, dates,
 * times, phone numbers, addresses — are each wrapped in `<span dir="ltr">`,
 * which a browser lays out as an isolate (HTML's `[dir]` rule): without it
 * the bidirectional algorithm orders the neutral spaces and "+" of
 * "+39 02 1234 5678" by the Arabic or Hebrew around them and shows
 * "5678 1234 02 39+". The PDF writer orders such runs itself (bidi.ts) and
 * ignores the attribute.
 */
export function inlineToHtml(text: string, options: { rtl?: boolean } = {}): string {
  return emphasis(text, true, true, options.rtl ? isolateLtr : escapeHtml);
}

/**
 * A left-to-right run inside right-to-left text: it starts with a Latin
 * letter, a digit or a "+" and ends with a Latin letter, a digit or "%",
 * and holds nothing but those, spaces (no-break too) and the punctuation of
 * numbers, ranges (70–80%), dates, times and addresses. A right-to-left letter ends it, so
 * "Paracetamol 500 mg" is one run and the Hebrew words around it are not.
 */
const LTR_RUN = /[\p{Script=Latin}\p{Nd}+](?:[\p{Script=Latin}\p{Nd} \u00a0\u202f.,:/\-\u2010\u2011\u2013+%_@?=&#~()]*[\p{Script=Latin}\p{Nd}%)])?/gu;

/** Escaped text with its left-to-right runs isolated (see inlineToHtml). */
function isolateLtr(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LTR_RUN)) {
    const run = unbalanced(m[0]);
    if (!run) continue;
    out += `${escapeHtml(text.slice(last, m.index))}<span dir="ltr">${escapeHtml(run)}</span>`;
    last = m.index + run.length;
  }
  return out + escapeHtml(text.slice(last));
}

/** The run without a closing bracket it does not open: "(Paracetamol)" keeps its brackets outside, as mirrored pairs. */
function unbalanced(run: string): string {
  let depth = 0;
  for (let i = 0; i < run.length; i++) {
    if (run[i] === '(') depth++;
    else if (run[i] === ')' && --depth < 0) return run.slice(0, i).replace(/[\s\u00a0\u202f.,:/\-_@?=&#~(]+$/u, '');
  }
  return depth > 0 ? run.slice(0, run.indexOf('(')).replace(/[\s\u00a0\u202f.,:/\-_@?=&#~]+$/u, '') : run;
}

/**
 * One pass over the text; inside **bold** only *italic* may nest. Linear in
 * the text's length: a `*` that never closes must not send a scan to the end
 * of the text once per star (60 KB of "*a " took 10 s that way), so where the
 * next possible italic closer lies is worked out once, back to front.
 */
function emphasis(text: string, allowBold: boolean, links = true, plain: (text: string) => string = escapeHtml): string {
  const closers = italicClosers(text);
  let out = '';
  let i = 0;
  // where the last search for a bare address stopped: searched for once per text, not once per character
  let bareAt = -2;
  // the next star and the next '[' after the text copied so far (-1 >>> 0: none, past the end)
  let starAt = -1;
  let bracketAt = -1;
  // where the last `indexOf('**')` search stopped: bold openers between two
  // closers all find the same one, so it is searched for once
  let boldEnd = -1;
  while (i < text.length) {
    if (allowBold && text.startsWith('**', i)) {
      if (boldEnd < i + 2) boldEnd = text.indexOf('**', i + 2);
      const end = boldEnd;
      if (end > i + 2 && !/\s/.test(text[i + 2]!) && !/\s/.test(text[end - 1]!)) {
        out += `<strong>${emphasis(text.slice(i + 2, end), false, links, plain)}</strong>`;
        i = end + 2;
      } else {
        out += '**';
        i += 2;
      }
      continue;
    }
    if (links && text[i] === '[') {
      const link = linkAt(text, i);
      if (link) {
        // a phone number never breaks across lines: its spaces are no-break spaces
        const words = link.href.startsWith('tel:') ? link.text.replace(/ /g, '\u00a0') : link.text;
        out += `<a href="${escapeHtml(link.href)}">${emphasis(words, allowBold, false, plain)}</a>`;
        i = link.end;
        continue;
      }
    }
    if (links && bareAt < i && bareAt !== -1) bareAt = nextBare(text, i);
    const url = links && bareAt === i ? bareUrl(text, i) : '';
    if (url) {
      out += `<a href="${escapeHtml(url)}">${plain(url)}</a>`;
      i += url.length;
      continue;
    }
    if (text[i] === '*') {
      const end = i + 1 < text.length && !/\s|\*/.test(text[i + 1]!) ? closers[i + 2] ?? -1 : -1;
      if (end > 0) {
        out += `<em>${plain(text.slice(i + 1, end))}</em>`;
        i = end + 1;
        continue;
      }
    }
    // plain text up to the next star (or link), escaped in one piece; each search is remembered, so the scan stays linear
    if (starAt <= i) starAt = text.indexOf('*', i + 1) >>> 0;
    if (links && bracketAt <= i) bracketAt = text.indexOf('[', i + 1) >>> 0;
    let stop = Math.min(starAt, text.length);
    if (links) stop = Math.min(stop, bracketAt, bareAt > i ? bareAt : text.length);
    out += plain(text.slice(i, stop));
    i = stop;
  }
  return out;
}

/** Where links may lead: the web (https only), a phone number, an e-mail address. */
const LINK = /\[([^[\]\n]{1,300})\]\(((?:https:\/\/|mailto:)[^\s()<>"]{1,1000}|tel:\+?[0-9][0-9\-.]{1,30})\)/y;

/** [text](target) at `i`, with a target of an allowed kind; bounded, so a scan stays linear. */
function linkAt(text: string, i: number): { text: string; href: string; end: number } | undefined {
  LINK.lastIndex = i;
  const m = LINK.exec(text);
  return m ? { text: m[1]!, href: m[2]!, end: i + m[0].length } : undefined;
}

/** The next bare https:// address at or after `from` that starts a word, or -1. */
function nextBare(text: string, from: number): number {
  let k = text.indexOf('https://', from);
  // inside [text](https://…) the address belongs to its link; mid-word it is not an address
  while (k > 0 && (/[\p{L}\p{N}/_-]/u.test(text[k - 1]!) || text.startsWith('](', k - 2))) k = text.indexOf('https://', k + 1);
  return k;
}

/** The address from `i` to the next space, without the sentence's closing punctuation; '' when no host follows. */
function bareUrl(text: string, i: number): string {
  const m = /^https:\/\/[^\s<>"*[\]()]+/.exec(text.slice(i, i + 2000));
  const url = m ? m[0].replace(/[.,;:!?]+$/, '') : '';
  return /^https:\/\/[\p{L}\p{N}]/u.test(url) ? url : '';
}

/**
 * closers[k] is the first position j ≥ k that can close *italic*: a single
 * star (not followed by another) right after a non-space, so "5 * 3 * 2"
 * stays as written. -1 when there is none.
 */
function italicClosers(text: string): Int32Array {
  const closers = new Int32Array(text.length + 2).fill(-1);
  for (let j = text.length - 1; j >= 1; j--)
    closers[j] = text[j] === '*' && text[j + 1] !== '*' && !/\s/.test(text[j - 1]!) ? j : closers[j + 1]!;
  return closers;
}

/** Plain text of inline text, markers removed: for metadata, bookmarks, lint. */
export function inlineToText(text: string): string {
  return inlineToHtml(text)
    .replace(/<\/?(strong|em)>|<a href="[^"]*">|<\/a>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
