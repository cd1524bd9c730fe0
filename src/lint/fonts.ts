import { createRequire } from 'node:module';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Theme } from '../model/template.js';
import { CODES } from '../diagnostics/codes.js';
import type { FontChain, FontFace } from './model.js';

interface FontkitFont {
  hasGlyphForCodePoint(cp: number): boolean;
}
interface FontkitCollection {
  fonts: FontkitFont[];
}
const require = createRequire(import.meta.url);

/** Opened font files, shared by every template of one lint run (each file is parsed once). */
export type FontCache = Map<string, FontFace | Diagnostic>;

function openFace(file: string, cache: FontCache): FontFace | Diagnostic {
  const cached = cache.get(file);
  if (cached) return cached;
  let face: FontFace | Diagnostic;
  try {
    const fontkit = require('fontkit') as { openSync(p: string): FontkitFont | FontkitCollection };
    const opened = fontkit.openSync(file);
    const font = 'fonts' in opened ? opened.fonts[0] : opened;
    if (!font) throw new Error('the collection holds no font');
    face = { name: path.basename(file), has: (cp) => font.hasGlyphForCodePoint(cp) };
  } catch (e) {
    face = {
      code: CODES.LINT_FONT_UNREADABLE,
      severity: 'error',
      message: `The font ${file} cannot be read (${(e as Error).message}); characters cannot be checked against it.`,
      file,
    };
  }
  cache.set(file, face);
  return face;
}

/**
 * The template's font chain: body regular, bold, italic (if the theme uses
 * italics), bold italic, then fallbacks and the faces of other scripts
 * (Arabic, Chinese, Devanagari…), which the PDF writer picks for the
 * characters of their script.
 */
export function fontChain(template: string, theme: Theme, cache: FontCache): { chain: FontChain; diagnostics: Diagnostic[] } {
  const body = theme.fonts.body;
  const faces = [body.regular, body.bold, ...(theme.italic ? [body.italic, body.boldItalic] : [])];
  const diagnostics: Diagnostic[] = [];
  const open = (files: string[]) =>
    [...new Set(files)].flatMap((f) => {
      const face = openFace(f, cache);
      if ('has' in face) return [face];
      diagnostics.push(face);
      return [];
    });
  return { chain: { template, faces: open(faces), fallback: open([...theme.fonts.fallback, ...Object.values(theme.fonts.scripts).flatMap((f) => [f.regular, f.bold])]) }, diagnostics };
}
