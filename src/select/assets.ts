import type { Brand, BrandLogo } from '../model/brand.js';
import type { Block } from '../model/content.js';
import type { Asset } from '../model/view.js';

/**
 * The images a leaflet shows, as the writers and `validate` read them: one
 * description per image, so that every check of an image reports it the
 * same way — at the brand or language file that names it.
 */
export function logoAsset(brand: Brand, logo: BrandLogo): Asset {
  return {
    id: 'logo',
    path: logo.path,
    type: logo.type,
    folder: logo.folder,
    origin: { what: `The logo of brand '${brand.id}'`, written: logo.written, file: brand.file, line: logo.line, column: logo.column },
  };
}

export function figureAsset(figure: Extract<Block, { kind: 'figure' }>, id: string, languageFile: string): Asset {
  const type = /\.svg$/i.test(figure.src) ? 'svg' : /\.png$/i.test(figure.src) ? 'png' : 'jpeg';
  return {
    id,
    path: figure.path,
    type,
    folder: figure.folder,
    origin: { what: 'A figure', written: figure.src, file: languageFile, line: figure.srcAt.line, column: figure.srcAt.column },
  };
}
