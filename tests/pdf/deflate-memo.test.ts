import { describe, expect, it } from 'vitest';
import { Renderer } from '../../src/render.js';
import { REPO, renderPdf, tmpFile, tool } from './helpers.js';

describe('streams deflated once a process', () => {
  it('a document made after others, taking their deflated streams, has the bytes of the same document made alone', async () => {
    const busy = new Renderer({ root: REPO, cwd: REPO });
    // documents that share fonts (same faces and glyphs) and not their pages
    await renderPdf({ lang: 'it', brand: 'demo-clinic' }, busy);
    await renderPdf({ lang: 'it', brand: 'neutral', paper: 'a5' }, busy);
    const after = await renderPdf({ lang: 'it', brand: 'neutral' }, busy);
    const alone = await renderPdf({ lang: 'it', brand: 'neutral' }, new Renderer({ root: REPO, cwd: REPO }));
    expect(Buffer.from(after).equals(Buffer.from(alone))).toBe(true);
    // and it reads: every stream inflates once to what was written
    const text = tool('pdftotext', ['-layout', tmpFile('after.pdf', after), '-']);
    expect(text).toContain('periduroscopia');
    expect(tool('pdffonts', [tmpFile('fonts.pdf', after)])).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const memo = busy.writerCache.get('pdf:deflated') as Map<string, unknown>;
    expect(memo.size).toBeGreaterThan(5);
    expect(memo.size).toBeLessThanOrEqual(48);
  }, 60_000);
});
