import type { FaceName } from '../../model/layout.js';
import type { Theme } from '../../model/template.js';

/**
 * Theme → the look of each kind of box. Every number comes from the
 * template's theme.yaml (the same values feed the HTML's CSS custom
 * properties), so changing a size or colour there changes both outputs.
 */
export interface TextStyle {
  face: FaceName;
  size: number;
  /** line height, pt */
  lineHeight: number;
  colour: string;
}

export interface BoxStyle {
  fill: string | null;
  /** a border all round */
  stroke: string | null;
  /** a bar on the left edge, as the HTML callouts have; also the colour of the box's label */
  bar: string | null;
  barWidth: number;
  padding: number;
}

export interface Styles {
  /** false in large print: no italics anywhere (UKAAF) */
  italic: boolean;
  body: TextStyle;
  h1: TextStyle;
  h2: TextStyle;
  h3: TextStyle;
  subtitle: TextStyle;
  question: TextStyle;
  label: TextStyle;
  small: TextStyle;
  header: TextStyle;
  footer: TextStyle;
  marker: TextStyle;
  draftStamp: { size: number; colour: string; opacity: number };
  space: {
    paragraph: number;
    section: number;
    /** between list items */
    list: number;
    callout: number;
    /** below a heading, before its first block */
    afterHeading: number;
  };
  /** hanging indent of list items, pt */
  indent: number;
  rule: { colour: string; width: number };
  boxes: { tip: BoxStyle; warning: BoxStyle; urgent: BoxStyle; summary: BoxStyle; patient: BoxStyle; point: BoxStyle; draft: BoxStyle };
  colours: Theme['colours'];
  logoHeight: number;
}

const MM = 72 / 25.4;
export const mm = (v: number): number => v * MM;

export function stylesFor(theme: Theme): Styles {
  const { sizes, colours, leading, spacing } = theme;
  const text = (face: FaceName, size: number, colour: string, lead = leading): TextStyle => ({
    face,
    size,
    lineHeight: size * lead,
    colour,
  });
  const headingLead = Math.max(1.15, leading - 0.2);
  const box = (fill: string | null, stroke: string | null, bar: string | null): BoxStyle => ({
    fill,
    stroke,
    bar,
    barWidth: bar ? 3 : 0,
    padding: spacing.callout,
  });
  return {
    italic: theme.italic,
    body: text('regular', sizes.body, colours.text),
    h1: text('bold', sizes.h1, colours.primary, headingLead),
    h2: text('bold', sizes.h2, colours.primary, headingLead),
    h3: text('bold', sizes.h3, colours.text, headingLead),
    subtitle: text(theme.italic ? 'italic' : 'regular', sizes.h3, colours.muted),
    question: text('bold', sizes.h3, colours.primary, headingLead),
    label: text('bold', sizes.label, colours.text),
    small: text('regular', sizes.small, colours.muted),
    header: text('bold', sizes.header, colours.primary),
    footer: text('regular', sizes.footer, colours.muted),
    // circled digits read better a little larger than the text they number
    marker: text('bold', sizes.body * 1.6, colours.primary, 1),
    // faint enough to read the text through it, present on every page
    draftStamp: { size: sizes.h1 * 4, colour: colours.warningBorder, opacity: 0.13 },
    space: {
      paragraph: spacing.paragraph,
      section: spacing.section,
      list: spacing.list,
      callout: spacing.callout,
      afterHeading: spacing.paragraph * 0.75,
    },
    indent: sizes.body * 1.6,
    rule: { colour: colours.primary, width: 0.75 },
    boxes: {
      tip: box(colours.tip, null, colours.tipBorder),
      warning: box(colours.warning, null, colours.warningBorder),
      // the strongest callout: framed all round, with a heavy bar
      urgent: { ...box(colours.warning, colours.warningBorder, colours.warningBorder), barWidth: 7 },
      summary: box(colours.accent, null, null),
      patient: box(null, colours.primary, null),
      point: box(colours.accent, null, null),
      draft: box(colours.warning, colours.warningBorder, null),
    },
    colours,
    logoHeight: mm(theme.logoHeight),
  };
}

/** Paper sizes in points (ISO 216 and US Letter). */
export const PAPER_SIZES: Readonly<Record<string, [number, number]>> = {
  a4: [595.28, 841.89],
  letter: [612, 792],
  a5: [419.53, 595.28],
};
