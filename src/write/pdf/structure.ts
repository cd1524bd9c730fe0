import type PDFDocument from 'pdfkit';
import type { LaidOutPage, StructureTree } from '../../model/layout.js';

type Doc = InstanceType<typeof PDFDocument>;
export type StructElement = ReturnType<Doc['struct']>;

/**
 * The tagged-PDF structure tree, created before any page is drawn so that
 * its order is the markup's order whatever page the content lands on.
 * Elements without content (nothing of them was drawn) are left out:
 * an empty structure element is an error for PDF/UA checkers.
 */
export function buildStructure(
  doc: Doc,
  tree: StructureTree,
  pages: readonly LaidOutPage[],
): { elements: Map<number, StructElement>; place: (id: number) => void; end: () => void } {
  const drawn = new Set<number>();
  for (const page of pages)
    for (const item of page.items) {
      if (item.kind === 'text') for (const r of item.runs) if (r.struct !== null) drawn.add(r.struct);
      if ((item.kind === 'image' || item.kind === 'qr') && item.struct !== null) drawn.add(item.struct);
    }
  const live = new Set<number>();
  const mark = (id: number): boolean => {
    const n = tree.nodes[id]!;
    let any = drawn.has(id);
    for (const c of n.children) if (mark(c)) any = true;
    if (any) live.add(id);
    return any;
  };
  mark(tree.root);

  const elements = new Map<number, StructElement>();
  const make = (id: number): StructElement => {
    const n = tree.nodes[id]!;
    const el = doc.struct(n.role, {
      ...(n.alt !== undefined && { alt: n.alt }),
      ...(n.actual !== undefined && { actual: n.actual }),
      ...(n.lang !== undefined && { lang: n.lang }),
    });
    // pdfkit's struct() takes no attributes, so a TH's /Scope is set on its dictionary here (as pdfkit's own table code does)
    if (n.scope) (el as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = { O: 'Table', Scope: n.scope };
    elements.set(id, el);
    return el;
  };
  const root = make(tree.root);
  doc.addStructure(root);
  const parentOf = new Map<number, number>();
  const grow = (id: number, el: StructElement) => {
    for (const c of tree.nodes[id]!.children) {
      if (!live.has(c)) continue;
      const child = make(c);
      parentOf.set(c, id);
      // an inline element joins its parent when its text is drawn (place): its place among the parent's content
      if (!tree.nodes[c]!.inline) el.add(child);
      grow(c, child);
    }
  };
  grow(tree.root, root);
  const placed = new Set<number>();
  /** Puts an inline element (and an inline parent of it) into its parent at this point of the parent's content. */
  const place = (id: number): void => {
    if (!tree.nodes[id]!.inline || placed.has(id)) return;
    const parent = parentOf.get(id)!;
    place(parent);
    elements.get(parent)!.add(elements.get(id)!);
    placed.add(id);
  };
  return { elements, place, end: () => root.end() };
}

/** The role a structure element was made with, for its marked content. */
export function roleOf(tree: StructureTree, id: number): string {
  return tree.nodes[id]!.role;
}
