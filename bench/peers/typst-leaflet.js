// A Typst document comparable to one of our PDF leaflets: the same text
// (title, subtitle, summary, sections, lists, numbered steps, tip and warning
// callouts, FAQ, key points), A4, DejaVu Sans 11 pt, a header with the
// clinic's name and a footer with the document reference and "page N of M".
// Used by bench/batch.bench.js to compare against Typst in the same run.

const esc = (s) => String(s).replace(/[\\#$*_`<>@\[\]~"]/g, (c) => `\\${c}`);
// Our inline markup: **bold** and *italic*.
const inline = (s) =>
  esc(s.replace(/\*\*(.+?)\*\*/g, '\u0001$1\u0002').replace(/\*(.+?)\*/g, '\u0003$1\u0004'))
    .replace(/\u0001/g, '#strong[')
    .replace(/\u0002/g, ']')
    .replace(/\u0003/g, '#emph[')
    .replace(/\u0004/g, ']');

function block(b) {
  if (b.text) return `${inline(b.text)}\n`;
  if (b.list) return b.list.map((i) => `- ${inline(i)}`).join('\n') + '\n';
  if (b.steps) return b.steps.map((i) => `+ ${inline(i)}`).join('\n') + '\n';
  if (b.tip) return `#callout(tip-fill, tip-stroke)[*Tip.* ${inline(b.tip)}]\n`;
  if (b.warning) return `#callout(warn-fill, warn-stroke)[*Warning.* ${inline(b.warning)}]\n`;
  if (b.faq)
    return b.faq
      .map((q, n) => `*${n + 1}. ${inline(q.q)}*\n\n${q.a.map(inline).join('\n\n')}\n${q.tip ? `\n#callout(tip-fill, tip-stroke)[*Tip.* ${inline(q.tip)}]\n` : ''}`)
      .join('\n');
  if (b.points) return b.points.map((p, n) => `#callout(accent, primary)[*${n + 1}. ${inline(p.label)}* — ${inline(p.text)}]`).join('\n') + '\n';
  return '';
}

function section(s, level) {
  const head = `${'='.repeat(level)} ${inline(s.title)}\n`;
  return [head, ...(s.blocks ?? []).map(block), ...(s.sections ?? []).map((c) => section(c, level + 1))].join('\n');
}

export function typstLeaflet(doc, { clinic, reference, version, variant }) {
  return `#let primary = rgb("#1f4e79")
#let accent = rgb("#e9f0f7")
#let tip-fill = rgb("#eef6ee")
#let tip-stroke = rgb("#2e7d32")
#let warn-fill = rgb("#fff4e5")
#let warn-stroke = rgb("#b35c00")
#let callout(fill, stroke, body) = block(fill: fill, stroke: (left: 3pt + stroke), inset: 8pt, radius: 2pt, width: 100%, breakable: false, body)
#set document(title: "${esc(doc.title)}", author: "${esc(clinic)}")
#set text(font: "DejaVu Sans", size: 11pt, lang: "${doc.lang}")
#set par(leading: 0.65em, spacing: 6pt)
#set page(paper: "a4", margin: (top: 26mm, bottom: 22mm, x: 18mm),
  header: text(size: 10pt, fill: primary)[${esc(clinic)} #h(1fr) ${esc(variant)}],
  footer: context text(size: 8.5pt, fill: luma(85))[${esc(reference)} · ${esc(version)} #h(1fr) #counter(page).display() / #counter(page).final().first()])
#show heading.where(level: 1): set text(size: 15pt, fill: primary)
#show heading.where(level: 2): set text(size: 12.5pt, fill: primary)
#text(size: 22pt, weight: "bold", fill: primary)[${inline(doc.title)}]

${doc.subtitle ? `#text(size: 13pt)[${inline(doc.subtitle)}]\n` : ''}
${(doc.summary ?? []).map(inline).join('\n\n')}

${doc.sections.map((s) => section(s, 1)).join('\n')}
`;
}
