import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amstad, countText, fleschKincaidGrade, gulpease, indexFor, kandelMoles, szigrisztPazos } from '../../src/lint/readability.js';
import { normalise, splitSentences, words } from '../../src/lint/sentences.js';
import { englishSyllables, frenchSyllables, germanSyllables, spanishSyllables } from '../../src/lint/syllables.js';

describe('sentences', () => {
  it('a sentence ends at . ! ? or … followed by a capital, a digit or the end', () => {
    expect(splitSentences('Sì! Davvero? Certo… Va bene.').map((s) => s.text)).toEqual(['Sì!', 'Davvero?', 'Certo…', 'Va bene.']);
  });

  it('decimals and abbreviations followed by lower case do not end a sentence', () => {
    expect(splitSentences('In media 3.5 ore, vedi es. la figura. Poi a casa.').map((s) => s.text)).toEqual([
      'In media 3.5 ore, vedi es. la figura.',
      'Poi a casa.',
    ]);
  });

  it('a list item without an end mark is one sentence', () => {
    expect(splitSentences('Lombalgia cronica resistente ai farmaci')).toHaveLength(1);
  });

  it('bold markers stay with the sentence they close, and offsets point into the text as written', () => {
    const text = '**Non guidare.** Fatti accompagnare.';
    const s = splitSentences(text);
    expect(s.map((x) => x.text)).toEqual(['**Non guidare.**', 'Fatti accompagnare.']);
    expect(text.slice(s[1]!.start)).toBe('Fatti accompagnare.');
  });

  it('splitting never loses or reorders a word (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Il', 'medico', 'è', 'qui', '.', '!', ' ', 'Poi', '3.5', '**', 'casa', '?'), { maxLength: 40 }), (parts) => {
        const text = parts.join(' ');
        const whole = words(text, 'it').map((w) => w.text);
        const split = splitSentences(text).flatMap((s) => words(s.text, 'it').map((w) => w.text));
        expect(split).toEqual(whole);
      }),
    );
  });
});

describe('words and letters', () => {
  it('Italian elision splits the article from the word; hyphenated words stay one', () => {
    expect(words('Dopo l’intervento mini-invasivo', 'it').map((w) => w.text)).toEqual(['Dopo', 'l', 'intervento', 'mini-invasivo']);
  });

  it("English apostrophes stay inside the word", () => {
    expect(words("Follow your doctor's advice, don't drive", 'en').map((w) => w.text)).toEqual([
      'Follow',
      'your',
      "doctor's",
      'advice',
      "don't",
      'drive',
    ]);
  });

  it('counting ignores bold and italic markers', () => {
    expect(countText('Il **medico** *controlla*.', 'it')).toEqual(countText('Il medico controlla.', 'it'));
  });
});

describe('English syllables', () => {
  it.each([
    ['the', 1],
    ['back', 1],
    ['doctor', 2],
    ['procedure', 3],
    ['possible', 3],
    ['takes', 1],
    ['places', 2],
    ['planned', 1],
    ['needed', 2],
    ['likely', 2],
    ['management', 3],
    ['anaesthesia', 5],
    ['physiotherapy', 6],
    ['inflammation', 4],
    ['periduroscopy', 6],
    ['people', 2],
    ['you', 1],
    ['check-up', 2],
    ['30', 2],
  ])('%s has %i', (word, n) => {
    expect(englishSyllables(word)).toBe(n);
  });
});

describe('Gulpease (Italian), hand-computed', () => {
  it('scores a two-sentence text: 89 + (300×2 − 10×76) / 12 = 75.67', () => {
    // La(2) periduroscopia(14) è(1) una(3) procedura(9) endoscopica(11) |
    // Permette(8) di(2) esplorare(9) lo(2) spazio(6) epidurale(9): 12 words, 76 letters
    const c = countText('La periduroscopia è una procedura endoscopica. Permette di esplorare lo spazio epidurale.', 'it');
    expect(c).toMatchObject({ words: 12, sentences: 2, letters: 76 });
    expect(gulpease(c)).toBeCloseTo(89 + (600 - 760) / 12, 10);
    expect(gulpease(c)).toBeCloseTo(75.667, 3);
  });

  it('counts digits as letters and a number with a hyphen as one word', () => {
    // Attività(8) leggera(7) entro(5) 1-2(2) giorni(6): 5 words, 28 letters, 1 sentence
    const c = countText('Attività leggera entro 1-2 giorni', 'it');
    expect(c).toMatchObject({ words: 5, sentences: 1, letters: 28 });
    expect(gulpease(c)).toBeCloseTo(89 + (300 - 280) / 5, 10);
  });

  it('has no score for text without words', () => {
    expect(gulpease(countText('— …', 'it'))).toBeUndefined();
  });
});

describe('Flesch–Kincaid grade (English), hand-computed', () => {
  it('scores a two-sentence text: 0.39 × 11/2 + 11.8 × 23/11 − 15.59 = 11.23', () => {
    // Periduroscopy(6) is(1) an(1) endoscopic(4) procedure(3) |
    // The(1) doctor(2) looks(1) inside(2) your(1) back(1): 11 words, 23 syllables
    const c = countText('Periduroscopy is an endoscopic procedure. The doctor looks inside your back.', 'en');
    expect(c).toMatchObject({ words: 11, sentences: 2, syllables: 23 });
    expect(fleschKincaidGrade(c)).toBeCloseTo(0.39 * (11 / 2) + 11.8 * (23 / 11) - 15.59, 10);
    expect(fleschKincaidGrade(c)).toBeCloseTo(11.228, 3);
  });

  it('gives short words in short sentences a low grade', () => {
    // 10 words, 2 sentences, 11 syllables: 0.39 × 5 + 11.8 × 1.1 − 15.59 = −0.66
    const c = countText('The cat sat on the mat. The dog ran away.', 'en');
    expect(c).toMatchObject({ words: 10, sentences: 2, syllables: 11 });
    expect(fleschKincaidGrade(c)).toBeCloseTo(-0.66, 10);
  });
});

describe('German, French and Spanish syllables', () => {
  it.each([
    ['Behandlung', 3],
    ['dauert', 2],
    ['eine', 2],
    ['Stunde', 2],
    ['Arzt', 1],
    ['Rückenschmerzen', 4],
    ['mini-invasiv', 5],
  ])('German: %s has %i', (word, n) => expect(germanSyllables(word)).toBe(n));

  it.each([
    ['médecin', 3],
    ['appelle', 3],
    ['demain', 2],
    ['soir', 1],
    ['l’intervention', 4],
    ['eau', 1],
  ])('French: %s has %i', (word, n) => expect(frenchSyllables(word)).toBe(n));

  it.each([
    ['médico', 3],
    ['tratamiento', 4],
    ['día', 2],
    ['aorta', 3],
    ['reúne', 3],
    ['cuidado', 3],
    ['muy', 1],
  ])('Spanish: %s has %i', (word, n) => expect(spanishSyllables(word)).toBe(n));
});

describe('Amstad (German), hand-computed', () => {
  it('scores a two-sentence text: 180 − 8/2 − 58.5 × 13/8 = 80.94', () => {
    // Der(1) Arzt(1) kommt(1) | Die(1) Behandlung(3) dauert(2) eine(2) Stunde(2): 8 words, 13 syllables
    const c = countText('Der Arzt kommt. Die Behandlung dauert eine Stunde.', 'de');
    expect(c).toMatchObject({ words: 8, sentences: 2, syllables: 13 });
    expect(amstad(c)).toBeCloseTo(180 - 4 - 58.5 * (13 / 8), 10);
    expect(amstad(c)).toBeCloseTo(80.9375, 4);
    expect(indexFor('de')?.score(c)).toBe(amstad(c));
  });
});

describe('Kandel–Moles (French), hand-computed', () => {
  it('scores a two-sentence text: 207 − 1.015 × 9/2 − 73.6 × 15/9 = 79.77', () => {
    // Vous(1) rentrez(2) ce(1) soir(1) | Le(1) médecin(3) vous(1) appelle(3) demain(2): 9 words, 15 syllables
    const c = countText('Vous rentrez ce soir. Le médecin vous appelle demain.', 'fr');
    expect(c).toMatchObject({ words: 9, sentences: 2, syllables: 15 });
    expect(kandelMoles(c)).toBeCloseTo(207 - 1.015 * 4.5 - 73.6 * (15 / 9), 10);
    expect(kandelMoles(c)).toBeCloseTo(79.766, 3);
  });
});

describe('Szigriszt-Pazos / INFLESZ (Spanish), hand-computed', () => {
  it('scores a two-sentence text: 206.835 − 62.3 × 16/8 − 8/2 = 78.24', () => {
    // El(1) médico(3) llega(2) pronto(2) | Usted(2) descansa(3) en(1) casa(2): 8 words, 16 syllables
    const c = countText('El médico llega pronto. Usted descansa en casa.', 'es');
    expect(c).toMatchObject({ words: 8, sentences: 2, syllables: 16 });
    expect(szigrisztPazos(c)).toBeCloseTo(206.835 - 62.3 * 2 - 4, 10);
    expect(szigrisztPazos(c)).toBeCloseTo(78.235, 3);
  });
});

describe('statistics for every language, formula or not', () => {
  it('Chinese is segmented into words, not one word a sentence, and 。 ends a sentence without a space', () => {
    // 医生(doctor) 会(will) 检查(examine) 您的(your)… : ICU's dictionary segmentation
    const c = countText('医生会检查您的背部。手术后请休息。', 'zh');
    expect(c.sentences).toBe(2);
    expect(c.words).toBeGreaterThanOrEqual(6);
    expect(c.words).toBeLessThanOrEqual(12);
    expect(indexFor('zh')).toBeUndefined();
  });

  it('Arabic ؟ ends a sentence before a caseless letter', () => {
    expect(countText('هل الإجراء مؤلم؟ لا، يتم تحت التخدير الموضعي.', 'ar')).toMatchObject({ sentences: 2, words: 8 });
  });

  it('Ukrainian words come from word segmentation; hyphenated words stay one', () => {
    expect(countText('Лікар оглядає спину. Міні-інвазивна процедура триває годину.', 'uk')).toMatchObject({ words: 7, sentences: 2 });
  });

  it('long words are those of more than 6 letters', () => {
    // Behandlung(10) Stunde(6) dauert(6) eine(4): 1 long word
    expect(countText('Die Behandlung dauert eine Stunde.', 'de').longWords).toBe(1);
  });

  it('a region or script subtag keeps the language formula (de-CH → Amstad)', () => {
    expect(indexFor('de-CH')?.name).toBe('amstad');
  });
});

describe('normalise', () => {
  it('ignores case, markers, spacing, curly apostrophes and the end mark', () => {
    expect(normalise('  **Non**  guidare l’auto. ')).toBe(normalise("non guidare l'auto"));
  });
});

describe('sentences and words in scripts other than Latin', () => {
  it('a Hindi word keeps its vowel signs and viramas, and the danda ends a sentence', () => {
    expect(words('प्रक्रिया सुरक्षित है', 'hi').map((w) => w.text)).toEqual(['प्रक्रिया', 'सुरक्षित', 'है']);
    expect(splitSentences('यह सुरक्षित है। दर्द कम होता है।').map((s) => s.text)).toEqual(['यह सुरक्षित है।', 'दर्द कम होता है।']);
  });

  it('a Bengali word keeps its conjuncts, vowel signs and viramas, and the danda ends a sentence', () => {
    expect(words('ক্ষমা স্বাস্থ্য কোমর ব্যথা', 'bn').map((w) => w.text)).toEqual(['ক্ষমা', 'স্বাস্থ্য', 'কোমর', 'ব্যথা']);
    expect(splitSentences('পদ্ধতিটি নিরাপদ। ব্যথা কমে। আপনি কি বাড়ি যাবেন?').map((s) => s.text)).toEqual(['পদ্ধতিটি নিরাপদ।', 'ব্যথা কমে।', 'আপনি কি বাড়ি যাবেন?']);
  });

  it('Hebrew sentences end at a full stop before a Hebrew word, which has no capitals', () => {
    expect(splitSentences('ההליך בטוח. הכאב פוחת.').map((s) => s.text)).toEqual(['ההליך בטוח.', 'הכאב פוחת.']);
    expect(words('ההליך בטוח ומהיר', 'he')).toHaveLength(3);
  });

  it('an Arabic question mark ends a sentence before an Arabic word, which has no capitals', () => {
    expect(splitSentences('هل هو مؤلم؟ لا، يُجرى تحت التخدير.').map((s) => s.text)).toEqual(['هل هو مؤلم؟', 'لا، يُجرى تحت التخدير.']);
    expect(words('يُجرى تحت التخدير', 'ar')).toHaveLength(3);
  });

  it('Chinese sentences end at 。！？ with no space after them, and words come from dictionary segmentation, not spaces', () => {
    expect(splitSentences('手术需要多长时间？平均需要三十分钟。').map((s) => s.text)).toEqual(['手术需要多长时间？', '平均需要三十分钟。']);
    const w = words('平均需要三十分钟', 'zh-Hans').map((x) => x.text);
    expect(w.length).toBeGreaterThan(2);
    expect(w.join('')).toBe('平均需要三十分钟');
  });
});
