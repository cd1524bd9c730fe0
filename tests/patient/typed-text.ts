import fc from 'fast-check';

/** What a doctor might type: markup, template syntax, emphasis markers, quotes, emoji, Cyrillic, right-to-left text. */
export const typedText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.array(
    fc.constantFrom('<script>alert(1)</script>', '{{x}}', '{{{y}}}', '**', '*', '&amp;', '"', "'", '`', '😀', 'Привет', 'שלום', 'مرحبا', 'è', '→', '①', ' ', '\n', '\\', '<', '>', '&'),
    { maxLength: 30 },
  ).map((parts) => parts.join('')),
  fc.string({ minLength: 1900, maxLength: 2000 }),
);

