import { afterEach, describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/catalogue.js';
import { checkLeaflet } from '../../src/lint/check.js';
import type { FontChain } from '../../src/lint/model.js';
import { EN, fixture, IT, lintWith, positionOf, runRule, SHARED, where, type Fixture } from './fixture.js';

const fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.remove()));
});

describe('the demo leaflet', () => {
  it('has no problems with every rule on', async () => {
    const f = await fixture();
    fixtures.push(f);
    const messages = checkLeaflet(await f.load(), {
      runs: RULES.map((rule) => ({ rule, options: rule.defaults })),
      today: '2026-06-01',
      fonts: [],
    });
    expect(messages).toEqual([]);
  });
});

describe('readability', () => {
  const hardIt = IT.replace(
    '      - text: La visita è un controllo semplice. Il medico fa alcune domande. Poi guarda la schiena.',
    '      - text: La valutazione specialistica comprende un approfondito esame obiettivo neurologico e ortopedico, integrato dalla revisione sistematica della documentazione radiologica precedentemente acquisita, finalizzata all’individuazione delle possibili cause anatomiche della sintomatologia dolorosa lamentata.',
  );

  it('says nothing about plain Italian and English', async () => {
    expect(await lintWith('readability')).toEqual([]);
  });

  it('warns about an Italian section with a Gulpease index below 60, at its heading', async () => {
    const messages = await lintWith('readability', { it: hardIt });
    const section = messages.find((m) => m.message.includes("Section 'what'"));
    expect(section).toMatchObject({ code: 'LEAF5001', severity: 'warning', ruleId: 'readability' });
    expect(section!.message).toMatch(/Gulpease \d+\.\d \(below 60/);
    expect(where(section!)).toBe(`it.yaml:${positionOf(hardIt, "Che cos'è").line}:${positionOf(hardIt, "Che cos'è").column}`);
  });

  it('warns about English above grade 8, and the threshold is an option', async () => {
    const hardEn = EN.replace(
      '      - text: The visit is a simple check. The doctor asks a few questions. Then the doctor looks at your back.',
      '      - text: The specialist evaluation comprises a comprehensive neurological and orthopaedic examination, complemented by a systematic review of previously acquired radiological documentation.',
    );
    const messages = await lintWith('readability', { en: hardEn });
    expect(messages.some((m) => m.message.startsWith("Section 'what' is hard to read: FK grade"))).toBe(true);
    expect(await lintWith('readability', { en: hardEn }, { options: { gradeMax: 40 } })).toEqual([]);
  });

  it('scores the whole leaflet as well as each section', async () => {
    const messages = await lintWith('readability', { it: hardIt }, { options: { gulpeaseMin: 95 } });
    expect(messages.some((m) => m.message.startsWith("The leaflet in 'it' as a whole is hard to read"))).toBe(true);
  });
});

describe('readability in German, French and Spanish', () => {
  // a translation file in another language: the English demo relabelled, one section rewritten
  const translation = (lang: string, text: string) =>
    EN.replace('lang: en', `lang: ${lang}`).replace(
      '      - text: The visit is a simple check. The doctor asks a few questions. Then the doctor looks at your back.',
      `      - text: ${text}`,
    );
  const hard = {
    de: 'Die fachärztliche Untersuchung umfasst eine ausführliche neurologische und orthopädische Befunderhebung, ergänzt durch die systematische Auswertung sämtlicher vorliegender radiologischer Aufnahmen zur Identifizierung möglicher anatomischer Schmerzursachen.',
    fr: 'L’évaluation spécialisée comprend un examen neurologique et orthopédique approfondi, complété par la révision systématique de la documentation radiologique précédemment acquise, afin d’identifier les éventuelles causes anatomiques de la symptomatologie douloureuse.',
    es: 'La evaluación especializada comprende un exhaustivo examen neurológico y ortopédico, complementado por la revisión sistemática de la documentación radiológica previamente adquirida, con la finalidad de identificar las posibles causas anatómicas de la sintomatología dolorosa.',
  };
  it.each([
    ['de', 'Amstad', 60],
    ['fr', 'Kandel–Moles', 60],
    ['es', 'INFLESZ', 55],
  ] as const)('warns about a hard %s section with its formula (%s, below %i)', async (lang, label, limit) => {
    const messages = await lintWith('readability', { extra: { [`${lang}.yaml`]: translation(lang, hard[lang]) } });
    const m = messages.find((x) => x.file.endsWith(`${lang}.yaml`) && x.message.includes("Section 'what'"));
    expect(m?.message).toMatch(new RegExp(`^Section 'what' is hard to read: ${label} -?\\d+\\.\\d \\(below ${limit};`));
  });

  it('the limit of German and French is fleschMin, of Spanish inflezMin', async () => {
    const extra = { 'de.yaml': translation('de', hard.de), 'es.yaml': translation('es', hard.es) };
    const loose = await lintWith('readability', { extra }, { options: { fleschMin: -500, inflezMin: -500 } });
    expect(loose).toEqual([]);
  });
});

describe('sentence-length', () => {
  it('accepts sentences of 25 words or fewer', async () => {
    expect(await lintWith('sentence-length')).toEqual([]);
  });

  it('points at the start of a sentence over 25 words', async () => {
    const long =
      'Poi il medico ti chiede di camminare un poco nella stanza, di piegarti in avanti e di alzare le gambe una alla volta mentre sei sdraiato sul lettino.';
    const it = IT.replace('Poi guarda la schiena.', long);
    const [m, ...rest] = await lintWith('sentence-length', { it });
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ code: 'LEAF5002', severity: 'warning' });
    expect(m!.message).toContain('28 words (more than 25)');
    const p = positionOf(it, long);
    expect([m!.line, m!.column]).toEqual([p.line, p.column]);
  });

  it('takes the limit from its options', async () => {
    expect((await lintWith('sentence-length', {}, { options: { max: 5 } })).length).toBeGreaterThan(0);
  });
});

describe('translation-missing', () => {
  it('accepts a translation with every part of the source', async () => {
    expect(await lintWith('translation-missing')).toEqual([]);
  });

  it('names a list item the translation lacks, at the translation’s list, with the source position', async () => {
    const en = EN.replace('              - Bring your health card\n', '');
    const [m, ...rest] = await lintWith('translation-missing', { en });
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ code: 'LEAF5003', severity: 'error' });
    const item = positionOf(IT, 'Porta la tessera sanitaria');
    expect(m!.message).toContain(`list item 2 (it.yaml:${item.line}:${item.column}) has no translation`);
    const list = positionOf(en, 'list:\n              - Eat as usual');
    expect(where(m!)).toBe(`en.yaml:${list.line}:${list.column}`);
  });

  it('finds a missing block, a block of another kind, a missing FAQ tip and a missing summary paragraph', async () => {
    const en = EN.replace('      - tip: Bring the test results you already have.\n', '')
      .replace('            tip: Feel free to ask if you are not sure.\n', '')
      .replace('          - steps:', '          - list:');
    const it = IT.replace('  - Il medico controlla la schiena. La visita dura poco.', '  - Il medico controlla la schiena. La visita dura poco.\n  - Dura mezz’ora.');
    const messages = await lintWith('translation-missing', { it, en });
    const text = messages.map((m) => m.message).join('\n');
    expect(text).toContain("Block 2 in section 'what', a tip");
    expect(text).toContain("is numbered steps in it.yaml");
    expect(text).toContain('The tip of question 1');
    expect(text).toContain('summary paragraph 2');
    expect(messages).toHaveLength(4);
  });

  it('finds a key point and an answer paragraph the translation lacks, and extra content it adds', async () => {
    const it = IT.replace('            text: Mezz\'ora circa.', "            text: Mezz'ora circa.\n          - label: Costo\n            text: Nessuno.");
    const en = EN.replace('              - No, the visit does not hurt.', '              - No, the visit does not hurt.\n              - You may feel a little pressure.');
    const text = (await lintWith('translation-missing', { it, en })).map((m) => m.message).join('\n');
    expect(text).toContain('key point 2');
    expect(text).toContain('This translation has 2 answer paragraphs for question 1, it.yaml 1');
  });
});

describe('translation-untranslated', () => {
  it('accepts translated text, including near-identical names (Periduroscopia → Periduroscopy)', async () => {
    const it = IT.replace('title: Visita di controllo', 'title: Periduroscopia');
    const en = EN.replace('title: Check-up visit', 'title: Periduroscopy');
    expect(await lintWith('translation-untranslated', { it, en })).toEqual([]);
  });

  it('leaves one-word texts such as names alone', async () => {
    const it = IT.replace('label: Durata', 'label: Ibuprofene');
    const en = EN.replace('label: How long', 'label: Ibuprofene');
    expect(await lintWith('translation-untranslated', { it, en })).toEqual([]);
  });

  it('flags a sentence left in Italian inside an English paragraph, at that sentence', async () => {
    const en = EN.replace('The doctor asks a few questions.', 'Il medico fa alcune domande.');
    const [m, ...rest] = await lintWith('translation-untranslated', { en });
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ code: 'LEAF5004', severity: 'warning' });
    expect(m!.message).toContain('“Il medico fa alcune domande.” is the same as in it.yaml:');
    const p = positionOf(en, 'Il medico fa alcune domande.');
    expect([m!.line, m!.column]).toEqual([p.line, p.column]);
  });

  it('flags an untranslated heading, ignoring case and the end mark, unless it is allowed', async () => {
    const en = EN.replace('title: On the day', 'title: il giorno della visita.');
    expect((await lintWith('translation-untranslated', { en })).map((m) => m.code)).toEqual(['LEAF5004']);
    expect(await lintWith('translation-untranslated', { en }, { options: { allow: ['Il giorno della visita'] } })).toEqual([]);
  });
});

describe('translation-stale', () => {
  it('accepts a translation stamped against the current source', async () => {
    expect(await lintWith('translation-stale')).toEqual([]);
  });

  it('names the source section that changed after the translation was stamped, at the translation’s section', async () => {
    const f = await fixture();
    fixtures.push(f);
    await f.edit('it.yaml', (t) => t.replace('Riposa un poco', 'Riposa fino a sera'));
    const messages = runRule(await f.load(), 'translation-stale');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ code: 'LEAF5005', severity: 'warning' });
    expect(messages[0]!.message).toContain("Section 'day.after' changed in it.yaml");
    expect(messages[0]!.message).toContain('leaflets lint --stamp demo --lang en');
    const en = await f.read('en.yaml');
    const p = positionOf(en, 'title: After');
    expect(where(messages[0]!)).toBe(`en.yaml:${p.line}:${p.column + 'title: '.length}`);
  });

  it('reports a changed title or summary under the leaflet title', async () => {
    const f = await fixture();
    fixtures.push(f);
    await f.edit('it.yaml', (t) => t.replace('La visita dura poco.', 'La visita dura mezz’ora.'));
    const [m] = runRule(await f.load(), 'translation-stale');
    expect(m!.message).toContain('The title, subtitle or summary changed');
  });

  it('tells how to stamp a translation that was never stamped, once', async () => {
    const en = EN.replace(/translatedFrom:[\s\S]*?points: a+\n/, '');
    expect(en).not.toContain('translatedFrom');
    const f = await fixture({ en }, { stamp: false });
    fixtures.push(f);
    const messages = runRule(await f.load(), 'translation-stale');
    expect(messages.map((m) => m.code)).toEqual(['LEAF5006']);
    expect(messages[0]!.message).toContain('run `leaflets lint --stamp demo --lang en`');
  });
});

describe('duplicate-text', () => {
  it('accepts a leaflet that says each thing once', async () => {
    expect(await lintWith('duplicate-text')).toEqual([]);
  });

  it('reports a repeated tip at the second one, pointing at the first', async () => {
    const it = IT.replace('            tip: Chiedi pure se hai dubbi.', "            tip: Porta con te gli esami che hai già fatto.");
    const [m, ...rest] = await lintWith('duplicate-text', { it, en: null });
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ code: 'LEAF5007', severity: 'warning' });
    const first = positionOf(it, 'Porta con te gli esami');
    expect(m!.message).toContain(`This tip repeats it.yaml:${first.line}:${first.column}`);
    const second = positionOf(it, "tip: Porta con te gli esami che hai già fatto.\n\n  - id: points".replace('\n\n  - id: points', ''));
    expect(m!.line).toBeGreaterThan(second.line);
  });

  it('finds a repeated sentence despite different case, spacing and bold', async () => {
    const it = IT.replace('No, la visita non fa male.', 'No. Il medico  **fa alcune** domande.');
    const [m] = await lintWith('duplicate-text', { it, en: null });
    expect(m!.message).toMatch(/^This sentence repeats it\.yaml:\d+:\d+/);
  });
});

describe('glyph-coverage', () => {
  const chain = (has: (cp: number) => boolean, fallback: ((cp: number) => boolean)[] = []): FontChain => ({
    template: 'test',
    faces: [{ name: 'Body.ttf', has }],
    fallback: fallback.map((h, i) => ({ name: `Fallback${i}.ttf`, has: h })),
  });
  const latinOnly = (cp: number) => cp < 0x250;

  it('accepts text every font of the chain can draw', async () => {
    expect(await lintWith('glyph-coverage', {}, { fonts: [chain(latinOnly)] })).toEqual([]);
  });

  it('reports a character the fonts lack with U+ code and its exact line and column', async () => {
    const it = IT.replace('Mangia come sempre', 'Mangia come sempre → poi vieni');
    const [m, ...rest] = await lintWith('glyph-coverage', { it }, { fonts: [chain(latinOnly)] });
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ code: 'LEAF5008', severity: 'error' });
    expect(m!.message).toContain('"→" (U+2192)');
    const p = positionOf(it, '→');
    expect([m!.line, m!.column]).toEqual([p.line, p.column]);
  });

  it('accepts a character that only a fallback font has', async () => {
    const it = IT.replace('Mangia come sempre', 'Mangia come sempre → poi vieni');
    expect(await lintWith('glyph-coverage', { it }, { fonts: [chain(latinOnly, [(cp) => cp === 0x2192])] })).toEqual([]);
  });

  it('checks against the standard template’s fonts: Latin, arrows, Arabic, Chinese, Devanagari, Bengali and Hebrew pass, Thai does not', async () => {
    const { loadTemplate } = await import('../../src/content/template.js');
    const { fontChain } = await import('../../src/lint/fonts.js');
    const t = await loadTemplate('standard', { root: '/nonexistent', cwd: '/' });
    if (!t.ok) throw new Error('standard template does not load');
    const { chain: dejavu, diagnostics } = fontChain('standard', t.value.theme, new Map());
    expect(diagnostics).toEqual([]);
    const it = IT.replace('Mangia come sempre', 'Mangia → ① è ç ß Ж 漢 مرحبا हिन्दी ক্ষমা কোমর שָׁלוֹם ก');
    const messages = await lintWith('glyph-coverage', { it }, { fonts: [dejavu] });
    expect(messages.map((m) => m.message.slice(0, 30))).toEqual(['The character "ก" (U+0E01) is ']);
  });

  it('Persian and Urdu letters (پ چ ژ گ ی ک ے ں ہ) pass through the Arabic face; a letter of the Arabic block no face has (ࢳ, U+08B3) is reported', async () => {
    const { loadTemplate } = await import('../../src/content/template.js');
    const { fontChain } = await import('../../src/lint/fonts.js');
    const t = await loadTemplate('standard', { root: '/nonexistent', cwd: '/' });
    if (!t.ok) throw new Error('standard template does not load');
    const { chain } = fontChain('standard', t.value.theme, new Map());
    const urdu = IT.replace('Mangia come sempre', 'پچژگیکےںہ مریض کو بتائیں');
    expect(await lintWith('glyph-coverage', { it: urdu }, { fonts: [chain] })).toEqual([]);
    const unknown = IT.replace('Mangia come sempre', 'پچژگ \u08B3');
    const [m, ...rest] = await lintWith('glyph-coverage', { it: unknown }, { fonts: [chain] });
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ code: 'LEAF5008', severity: 'error' });
    expect(m!.message).toContain('(U+08B3');
  });
});

describe('review-date', () => {
  it('is quiet when the review is more than 60 days away', async () => {
    expect(await lintWith('review-date', {}, { today: '2027-11-10' })).toEqual([]);
  });

  it('warns within 60 days of the review date', async () => {
    const [m] = await lintWith('review-date', {}, { today: '2027-11-20' });
    expect(m).toMatchObject({ code: 'LEAF5010', severity: 'warning' });
    expect(m!.message).toContain('is in 51 days');
    const p = positionOf(SHARED, '2028-01-10');
    expect(where(m!)).toBe(`leaflet.yaml:${p.line}:${p.column}`);
  });

  it('is an error once the review date has passed', async () => {
    const [m] = await lintWith('review-date', {}, { today: '2028-01-11' });
    expect(m).toMatchObject({ code: 'LEAF5009', severity: 'error' });
    expect(m!.message).toContain('has passed (today is 2028-01-11)');
  });
});

describe('document-control', () => {
  it('accepts an approved language with a real reference and version', async () => {
    expect(await lintWith('document-control')).toEqual([]);
  });

  it('is an error when an approved language has a placeholder reference', async () => {
    const [m] = await lintWith('document-control', { shared: SHARED.replace('PIL-DEMO-001', 'TBD') });
    expect(m).toMatchObject({ code: 'LEAF5011', severity: 'error' });
    expect(m!.message).toContain("it.yaml is approved, but document.reference is 'TBD'");
  });

  it('accepts placeholders while every language is a draft', async () => {
    const it = IT.replace('status: approved', 'status: draft');
    expect(await lintWith('document-control', { it, shared: SHARED.replace('"1.0"', '" "') })).toEqual([]);
  });

  it('is an error when a translation is approved before its source', async () => {
    const it = IT.replace('status: approved', 'status: draft');
    const en = EN.replace('status: draft', 'status: approved');
    const [m] = await lintWith('document-control', { it, en });
    expect(m!.message).toContain('its source it.yaml is a draft');
  });
});

describe('figure-alt', () => {
  const withFigure = (alt: string, caption?: string) =>
    IT.replace(
      '      - tip: Porta con te gli esami che hai già fatto.',
      `      - tip: Porta con te gli esami che hai già fatto.\n      - figure:\n          src: images/spine.png\n          alt: ${alt}${caption ? `\n          caption: ${caption}` : ''}`,
    );
  const image = { 'images/spine.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]) };

  it('accepts an alt text that says what the picture shows', async () => {
    expect(await lintWith('figure-alt', { it: withFigure('La schiena vista di lato, con le vertebre lombari'), en: null, extra: image })).toEqual([]);
  });

  it.each([
    ['the file name', 'spine.png', 'is only the file name'],
    ['a generic word', 'Immagine', "is only 'Immagine'"],
    ['blank', '" "', 'is blank'],
  ])('flags an alt text that is %s', async (_what, alt, why) => {
    const [m] = await lintWith('figure-alt', { it: withFigure(alt), en: null, extra: image });
    expect(m).toMatchObject({ code: 'LEAF5012', severity: 'warning' });
    expect(m!.message).toContain(why);
  });

  it('flags an alt text that repeats the caption', async () => {
    const [m] = await lintWith('figure-alt', { it: withFigure('La colonna', 'La **colonna**'), en: null, extra: image });
    expect(m!.message).toContain('repeats the caption');
  });
});

describe('empty-section', () => {
  it('accepts sections with content', async () => {
    expect(await lintWith('empty-section')).toEqual([]);
  });

  it('flags a heading with nothing under it', async () => {
    const it = IT.replace('  - id: points\n    title: In breve\n', '  - id: empty\n    title: Vuota\n  - id: points\n    title: In breve\n');
    const [m, ...rest] = await lintWith('empty-section', { it, en: null });
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ code: 'LEAF5013' });
    expect(m!.message).toContain("Section 'empty' has a heading and nothing under it");
  });
});

describe('link-text', () => {
  it('accepts a web address introduced by words saying what it is', async () => {
    const it = IT.replace('Chiedi pure se hai dubbi.', 'Trovi gli orari sul sito della clinica, www.clinica.example.');
    expect(await lintWith('link-text', { it, en: null })).toEqual([]);
  });

  it('flags a bare web address', async () => {
    const it = IT.replace('Chiedi pure se hai dubbi.', 'https://clinica.example/orari');
    const [m] = await lintWith('link-text', { it, en: null });
    expect(m).toMatchObject({ code: 'LEAF5014', severity: 'warning' });
    expect(m!.message).toContain('https://clinica.example/orari has no words saying where it leads');
  });

  it('flags "clicca qui" at its column', async () => {
    const it = IT.replace('Chiedi pure se hai dubbi.', '"Per gli orari clicca qui: www.clinica.example."');
    const [m] = await lintWith('link-text', { it, en: null });
    expect(m!.message).toContain('“clicca qui”');
    const p = positionOf(it, 'clicca qui');
    expect([m!.line, m!.column]).toEqual([p.line, p.column]);
  });
});

describe('control-characters', () => {
  it('says nothing about text with tabs and line breaks only', async () => {
    const it = IT.replace('Chiedi pure se hai dubbi.', '"Chiedi pure\\tse hai dubbi."');
    expect(await lintWith('control-characters', { it, en: null })).toEqual([]);
  });

  it.each([
    ['ESC', '\\e', 'U+001B ESCAPE'],
    ['NUL', '\\0', 'U+0000 NULL'],
    ['BEL', '\\a', 'U+0007 BELL'],
    ['a C1 control', '\\x85x', 'U+0085'],
    ['a right-to-left override', '\\u202E', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['a first-strong isolate', '\\u2068', 'U+2068 FIRST STRONG ISOLATE'],
  ])('%s in a text is an error at its file, line and column', async (_, escape, name) => {
    // a double-quoted YAML escape puts the raw character into the text
    const it = IT.replace('Chiedi pure se hai dubbi.', `"Chiedi pure${escape} se hai dubbi."`);
    const [m, ...more] = await lintWith('control-characters', { it, en: null });
    expect(more).toEqual([]);
    expect(m).toMatchObject({ code: 'LEAF5030', severity: 'error', ruleId: 'control-characters' });
    expect(m!.message).toContain(name);
    const p = positionOf(it, `"Chiedi pure${escape}`);
    // the column of the character: after the opening quote and "Chiedi pure"
    expect([m!.line, m!.column]).toEqual([p.line, p.column + 1 + 'Chiedi pure'.length]);
  });

  it('raw control bytes in a title are found too', async () => {
    const it = IT.replace(/^title: .*$/m, 'title: Periduro\u001bscopia\u202e');
    const messages = await lintWith('control-characters', { it, en: null });
    expect(messages.map((m) => m.message.slice(0, 6))).toEqual(['U+001B', 'U+202E']);
    expect(messages[0]).toMatchObject({ line: positionOf(it, 'title:').line, column: 'title: Periduro'.length + 1 });
  });
});

describe('typed-decoration', () => {
  const at = (text: string, needle: string) => `${positionOf(text, needle).line}:${positionOf(text, needle).column}`;
  const pos = (m: { line: number; column: number }) => `${m.line}:${m.column}`;

  it('accepts text that leaves numbers, bullets and labels to the template', async () => {
    expect(await lintWith('typed-decoration')).toEqual([]);
  });

  it('flags a typed "1. " before a step and "2) " before a question, at the number', async () => {
    const it = IT.replace('              - Torna a casa', '              - 1. Torna a casa').replace('          - q: Fa male?', '          - q: 2) Fa male?');
    const messages = await lintWith('typed-decoration', { it });
    expect(messages.map((m) => [m.code, pos(m)])).toEqual([
      ['LEAF5050', at(it, '1. Torna')],
      ['LEAF5050', at(it, '2) Fa male')],
    ]);
    expect(messages[0]!.message).toContain('the template numbers steps itself');
    expect(messages[0]!.hints).toEqual(['Delete “1.” at the start.']);
  });

  it('a typed number before a list item suggests a steps block', async () => {
    const it = IT.replace('              - Mangia come sempre', '              - 1) Mangia come sempre');
    const [m] = await lintWith('typed-decoration', { it });
    expect(m).toMatchObject({ code: 'LEAF5050', ruleId: 'typed-decoration', severity: 'warning' });
    expect(m!.message).toContain('make the list a steps block');
  });

  it('flags arrows, bullets and circled digits at the start of an item or key point, also after bold markers', async () => {
    const it = IT.replace('              - Mangia come sempre', '              - → Mangia come sempre')
      .replace('              - Porta la tessera sanitaria', '              - • Porta la tessera sanitaria')
      .replace('          - label: Durata', '          - label: ①Durata')
      .replace('            text: Mezz\'ora circa.', '            text: "**➜ Mezz\'ora** circa."');
    const messages = await lintWith('typed-decoration', { it });
    expect(messages.map((m) => [m.code, m.message.slice(0, 12), pos(m)])).toEqual([
      ['LEAF5051', 'A typed “→” ', at(it, '→')],
      ['LEAF5051', 'A typed “•” ', at(it, '•')],
      ['LEAF5051', 'A typed “①” ', at(it, '①')],
      ['LEAF5051', 'A typed “➜” ', at(it, '➜')],
    ]);
  });

  it('flags a callout label typed before a tip or warning, in the leaflet language, at the label', async () => {
    const it = IT.replace('      - tip: Porta con te gli esami', '      - tip: "**Consiglio pratico:** Porta con te gli esami').replace('già fatto.', 'già fatto."');
    const en = EN.replace('            tip: Feel free to ask', '            tip: "Tip: Feel free to ask').replace('if you are not sure.', 'if you are not sure."');
    const messages = await lintWith('typed-decoration', { it, en });
    expect(messages.map((m) => [m.code, where(m)])).toEqual([
      ['LEAF5052', `it.yaml:${at(it, 'Consiglio pratico:')}`],
      ['LEAF5052', `en.yaml:${at(en, 'Tip: Feel')}`],
    ]);
    expect(messages[0]!.message).toBe('“Consiglio pratico:” repeats the label the template prints on every tip. Remove it and start with the advice itself.');
  });

  it('leaves a label word inside the advice, or at the start of a plain paragraph, alone; more labels are an option', async () => {
    const it = IT.replace('      - tip: Porta con te gli esami', '      - tip: Nota bene, porta con te gli esami')
      .replace('      - text: La visita è un controllo semplice. Il medico fa alcune domande. Poi guarda la schiena.', '      - text: "Attenzione: la visita è un controllo semplice."');
    expect(await lintWith('typed-decoration', { it })).toEqual([]);
    const own = IT.replace('      - tip: Porta con te gli esami che hai già fatto.', '      - tip: "Da sapere: porta con te gli esami che hai già fatto."');
    expect(await lintWith('typed-decoration', { it: own })).toEqual([]);
    const flagged = await lintWith('typed-decoration', { it: own }, { options: { labels: ['Da sapere'] } });
    expect(flagged.map((m) => m.code)).toEqual(['LEAF5052']);
  });
});

describe('mixed-typography', () => {
  const pos = (m: { line: number; column: number }) => `${m.line}:${m.column}`;
  const at = (text: string, needle: string) => `${positionOf(text, needle).line}:${positionOf(text, needle).column}`;
  const withText = (text: string) =>
    IT.replace('      - text: La visita è un controllo semplice. Il medico fa alcune domande. Poi guarda la schiena.', `      - text: ${text}`);

  it('accepts a file that keeps to one form, whichever it is', async () => {
    expect(await lintWith('mixed-typography')).toEqual([]);
    expect(await lintWith('mixed-typography', { it: withText('Dura 20-30 minuti. Riposo per 1-2 giorni.') })).toEqual([]);
    expect(await lintWith('mixed-typography', { it: withText('Dura 20–30 minuti. Riposo per 1–2 giorni.') })).toEqual([]);
  });

  it('reports the range written with the minority dash, with the fix', async () => {
    const it = withText('Dura 20-30 minuti. Riposo per 1-2 giorni, poi 10–15 minuti di cammino.');
    const messages = await lintWith('mixed-typography', { it });
    expect(messages.map((m) => [m.code, pos(m)])).toEqual([['LEAF5053', at(it, '10–15')]]);
    expect(messages[0]!.message).toBe(
      'This file uses a hyphen in number ranges (2 times), but here an en dash: ‹10–15›. Write ‹10-15›, as in the rest of the file.',
    );
  });

  it('dates and phone numbers are not ranges', async () => {
    const it = withText('Controllo il 2026-11-24, chiama lo 02-1234-5678. Dura 20–30 minuti.');
    expect(await lintWith('mixed-typography', { it })).toEqual([]);
  });

  it('on a tie the typographic apostrophe wins: the straight one is reported, naming the word', async () => {
    // the demo has "Che cos'è" and "Mezz'ora": make one of them typographic
    const it = IT.replace("Mezz'ora", 'Mezz’ora');
    const messages = await lintWith('mixed-typography', { it });
    expect(messages.map((m) => [m.code, pos(m)])).toEqual([['LEAF5054', `${positionOf(it, "cos'è").line}:${positionOf(it, "cos'è").column + 3}`]]);
    expect(messages[0]!.message).toContain('‹cos\'è›. Write ‹cos’è›');
  });

  it('reports straight quotes among typographic ones', async () => {
    const it = withText('Il medico dice “riposa” e poi «cammina». Porta il foglio "esami".');
    const messages = await lintWith('mixed-typography', { it });
    expect(messages.map((m) => [m.code, pos(m)])).toEqual([['LEAF5055', at(it, '"esami"')]]);
    expect(messages[0]!.hints).toEqual(['Replace ‹"esami"› with ‹“esami”›.']);
  });

  it('each language file is judged on its own', async () => {
    const en = EN.replace('About half an hour.', 'About 20–30 minutes.');
    expect(await lintWith('mixed-typography', { it: withText('Dura 20-30 minuti.'), en })).toEqual([]);
  });
});

/**
 * Every rule's `minWords` option changes what it reports: a rule that
 * ignored the option (and kept its default) would fail here.
 */
describe('minWords, the shortest text a rule judges, is an option that takes effect', () => {
  it('readability: a hard section is scored at the default 20 words, not when minWords is above its length', async () => {
    const hardIt = IT.replace(
      '      - text: La visita è un controllo semplice. Il medico fa alcune domande. Poi guarda la schiena.',
      '      - text: La valutazione specialistica comprende un approfondito esame obiettivo neurologico e ortopedico, integrato dalla revisione sistematica della documentazione radiologica precedentemente acquisita.',
    );
    const about = (messages: { message: string }[]) => messages.filter((m) => m.message.startsWith("Section 'what'"));
    expect(about(await lintWith('readability', { it: hardIt }))).toHaveLength(1);
    expect(about(await lintWith('readability', { it: hardIt }, { options: { minWords: 200 } }))).toEqual([]);
  });

  it('translation-untranslated: a one-word label equal to the source is left alone at minWords 2, flagged at minWords 1', async () => {
    const it = IT.replace('label: Durata', 'label: Ibuprofene');
    const en = EN.replace('label: How long', 'label: Ibuprofene');
    expect(await lintWith('translation-untranslated', { it, en })).toEqual([]);
    expect((await lintWith('translation-untranslated', { it, en }, { options: { minWords: 1 } })).map((m) => m.code)).toEqual(['LEAF5004']);
  });

  it('duplicate-text: a repeated three-word sentence passes at minWords 4, is reported at minWords 3', async () => {
    const it = IT.replace('No, la visita non fa male.', 'Guarda la schiena. Guarda la schiena.');
    expect(await lintWith('duplicate-text', { it, en: null })).toEqual([]);
    expect((await lintWith('duplicate-text', { it, en: null }, { options: { minWords: 3 } })).map((m) => m.code)).toEqual(['LEAF5007']);
  });

  it('link-text: an address with seven words of context passes at minWords 3, is flagged at minWords 10', async () => {
    const it = IT.replace('Chiedi pure se hai dubbi.', 'Trovi gli orari sul sito della clinica, www.clinica.example.');
    expect(await lintWith('link-text', { it, en: null })).toEqual([]);
    expect((await lintWith('link-text', { it, en: null }, { options: { minWords: 10 } })).map((m) => m.code)).toEqual(['LEAF5014']);
  });
});

describe('links', () => {
  const withText = (t: string) => IT.replace('Chiedi pure se hai dubbi.', JSON.stringify(t));
  it('accepts links whose words say where they lead, and dialable numbers', async () => {
    expect(await lintWith('links', { it: withText('Orari sul [sito della clinica](https://clinica.example/orari) o al [02 1234 5678](tel:+390212345678).'), en: null })).toEqual([]);
  });

  it('flags [qui](…) at its column', async () => {
    const it = withText('Gli orari sono [qui](https://clinica.example/orari).');
    const [m, ...rest] = await lintWith('links', { it, en: null });
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ code: 'LEAF5070', severity: 'warning' });
    const p = positionOf(it, '[qui]');
    expect([m!.line, m!.column]).toEqual([p.line, p.column]);
  });

  it.each([['tel:ufficio'], ['tel:12'], ['tel:+39021234567890123']])('flags a phone link that cannot be dialled: %s', async (target) => {
    const [m] = await lintWith('links', { it: withText(`Chiami il [reparto](${target}).`), en: null });
    expect(m).toMatchObject({ code: 'LEAF5071' });
  });

  it('flags an http:// address', async () => {
    const [m] = await lintWith('links', { it: withText('Orari sul sito della clinica, http://clinica.example/orari.'), en: null });
    expect(m).toMatchObject({ code: 'LEAF5072' });
  });
});

describe('translation-missing counts the new blocks\' rows, entries and items', () => {
  const prep = (head: string, rows: string[], entries: string[], checklist: string[]) =>
    `  - id: prep\n    title: Prep\n    blocks:\n      - table:\n          head: ${head}\n          rows:\n${rows.map((r) => `            - ${r}\n`).join('')}      - timeline:\n${entries.join('')}      - checklist:\n${checklist.map((c) => `          - ${c}\n`).join('')}\n`;
  const entry = (days: number, items: string[], hours?: number) =>
    `          - days: ${days}\n${hours !== undefined ? `            hours: ${hours}\n` : ''}            items:\n${items.map((i) => `              - ${i}\n`).join('')}`;
  const it_ = IT.replace('  - id: faq\n', prep('[Cibo, Quando]', ['[Pane, Sempre]', ['[Acqua, Fino a 2 ore prima]'][0]!], [entry(-1, ['Prepari la borsa', 'Non beva alcolici']), entry(0, ['Smetta di bere'], -2)], ['Documento', 'Occhiali']) + '  - id: faq\n');

  it('accepts a translation with every row, entry and item', async () => {
    const en = EN.replace('  - id: faq\n', prep('[Food, When]', ['[Bread, Always]', '[Water, Until 2 hours before]'], [entry(-1, ['Pack your bag', 'No alcohol']), entry(0, ['Stop drinking'], -2)], ['ID card', 'Glasses']) + '  - id: faq\n');
    expect(await lintWith('translation-missing', { it: it_, en })).toEqual([]);
  });

  it('names a missing row, a missing item of an entry, a moved entry and a missing checklist item', async () => {
    const en = EN.replace('  - id: faq\n', prep('[Food, When]', ['[Bread, Always]'], [entry(-1, ['Pack your bag']), entry(0, ['Stop drinking'], -3)], ['ID card']) + '  - id: faq\n');
    const messages = (await lintWith('translation-missing', { it: it_, en })).map((m) => m.message);
    expect(messages.some((m) => /2 rows.*this translation 1/.test(m))).toBe(true);
    expect(messages.some((m) => /2 items in timeline entry 1, this translation 1/.test(m))).toBe(true);
    expect(messages.some((m) => /Timeline entry 2 is at a different time/.test(m))).toBe(true);
    expect(messages.some((m) => /2 checklist items.*this translation 1/.test(m))).toBe(true);
  });
});
