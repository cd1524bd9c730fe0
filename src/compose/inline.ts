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

/** One pass over the text; inside **bold** only *italic* may nest. */
function emphasis(text: string, allowBold: boolean): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (allowBold && text.startsWith('**', i)) {
      const end = text.indexOf('**', i + 2);
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
      const end = findItalicEnd(text, i + 1);
      if (end > 0) {
        out += `<em>${escapeHtml(text.slice(i + 1, end))}</em>`;
        i = end + 1;
        continue;
      }
    }
    out += escapeHtml(text[i]!);
    i++;
  }
  return out;
}

/** *x* is italic only when the text hugs the stars, so "5 * 3 * 2" stays as written. */
function findItalicEnd(text: string, from: number): number {
  if (from >= text.length || /\s|\*/.test(text[from]!)) return -1;
  for (let j = from + 1; j < text.length; j++) {
    if (text[j] === '*' && text[j + 1] !== '*' && !/\s/.test(text[j - 1]!)) return j;
  }
  return -1;
}

/** Plain text of inline text, markers removed: for metadata, bookmarks, lint. */
export function inlineToText(text: string): string {
  return inlineToHtml(text)
    .replace(/<\/?(strong|em)>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
