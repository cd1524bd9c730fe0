// Distinct documents for warm and batch measurements: a counter put in
// front of every paragraph (summary, text, list and step items, tips,
// warnings, answers, key points), so that every document differs in content
// — not only in a header or a comment — and neither our renderer nor Typst
// can hand back a paragraph, a line break or a document laid out before.
// The same function feeds both sides, so they lay out the same words.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';

/** The language file `doc` with `n` in front of every paragraph. */
export function distinct(doc, n) {
  const mark = (s) => `${n} ${s}`;
  const block = (b) => ({
    ...b,
    ...(b.text && { text: mark(b.text) }),
    ...(b.list && { list: b.list.map(mark) }),
    ...(b.steps && { steps: b.steps.map(mark) }),
    ...(b.tip && { tip: mark(b.tip) }),
    ...(b.warning && { warning: mark(b.warning) }),
    ...(b.faq && { faq: b.faq.map((q) => ({ ...q, a: q.a.map(mark), ...(q.tip && { tip: mark(q.tip) }) })) }),
    ...(b.points && { points: b.points.map((p) => ({ ...p, text: mark(p.text) })) }),
  });
  const section = (s) => ({ ...s, ...(s.blocks && { blocks: s.blocks.map(block) }), ...(s.sections && { sections: s.sections.map(section) }) });
  return { ...doc, ...(doc.summary && { summary: doc.summary.map(mark) }), sections: doc.sections.map(section) };
}

/**
 * A content root holding `count` distinct copies of a leaflet folder
 * (`source`, by default the bundled periduroscopia; ids leaflet-0000 …),
 * each in `langs`, counter `first + i` in every paragraph. Returns the root
 * and the parsed language files per copy.
 */
export function distinctCorpus(repo, count, { langs = ['it'], first = 1000, source = path.join(repo, 'data', 'leaflets', 'periduroscopia') } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'leaflets-bench-distinct-'));
  cpSync(path.join(repo, 'data', 'brands'), path.join(root, 'data', 'brands'), { recursive: true });
  const src = source;
  const shared = readFileSync(path.join(src, 'leaflet.yaml'), 'utf8');
  const docs = Object.fromEntries(langs.map((l) => [l, parse(readFileSync(path.join(src, `${l}.yaml`), 'utf8'))]));
  const copies = [];
  for (let i = 0; i < count; i++) {
    const id = `leaflet-${String(i).padStart(4, '0')}`;
    const dir = path.join(root, 'data', 'leaflets', id);
    mkdirSync(dir, { recursive: true });
    // figures and other assets the language files point at
    cpSync(src, dir, { recursive: true, filter: (f) => f === src || !/\.ya?ml$/.test(f) });
    writeFileSync(path.join(dir, 'leaflet.yaml'), shared.replace(/^id: .*$/m, `id: ${id}`).replace(/PIL-SPINE-001/, `PIL-BENCH-${i}`));
    const copy = { id, docs: {} };
    for (const l of langs) {
      copy.docs[l] = distinct(docs[l], first + i);
      writeFileSync(path.join(dir, `${l}.yaml`), stringify(copy.docs[l], { lineWidth: 0 }));
    }
    copies.push(copy);
  }
  return { root, copies };
}
