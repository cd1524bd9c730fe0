/**
 * Inline text → escaped HTML. Only **bold** and *italic* become markup
 * (strong, em); everything else, including <, & and {{ }}, shows literally.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESC[c]!);
}
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function inlineToHtml(text: string): string {
  return emphasis(text, true);
}

/**
 * One pass over the text; inside **bold** only *italic* may nest. Linear in
 * the text's length: a `*` that never closes must not send a scan to the end
 * of the text once per star (60 KB of "*a " took 10 s that way), so where the
 * next possible italic closer lies is worked out once, back to front.
 */
function emphasis(text: string, allowBold: boolean): string {
  const closers = italicClosers(text);
  let out = '';
  let i = 0;
  // where the last `indexOf('**')` search stopped: bold openers between two
  // closers all find the same one, so it is searched for once
  let boldEnd = -1;
  while (i < text.length) {
    if (allowBold && text.startsWith('**', i)) {
      if (boldEnd < i + 2) boldEnd = text.indexOf('**', i + 2);
      const end = boldEnd;
      if (end > i + 2 && !/\s/.test(text[i + 2]!) && !/\s/.test(text[end - 1]!)) {
        out += `<strong>${emphasis(text.slice(i + 2, end), false)}</strong>`;
        i = end + 2;
      } else {
        out += '**';
        i += 2;
      }
      continue;
    }
    if (text[i] === '*') {
      const end = i + 1 < text.length && !/\s|\*/.test(text[i + 1]!) ? closers[i + 2] ?? -1 : -1;
      if (end > 0) {
        out += `<em>${escapeHtml(text.slice(i + 1, end))}</em>`;
        i = end + 1;
        continue;
      }
    }
    // plain text up to the next star, escaped in one piece
    const next = text.indexOf('*', i + 1);
    const stop = next < 0 ? text.length : next;
    out += escapeHtml(text.slice(i, stop));
    i = stop;
  }
  return out;
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
    .replace(/<\/?(strong|em)>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
