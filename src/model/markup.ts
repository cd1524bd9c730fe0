/** The leaflet markup as a tree, after parsing and checking against the contract. */
export interface MarkupElement {
  type: 'element';
  tag: string;
  classes: string[];
  attrs: Record<string, string>;
  children: MarkupNode[];
}

export interface MarkupText {
  type: 'text';
  value: string;
}

export type MarkupNode = MarkupElement | MarkupText;

export function hasClass(node: MarkupNode, cls: string): node is MarkupElement {
  return node.type === 'element' && node.classes.includes(cls);
}

/** The text of a subtree, as a reader would hear it. */
export function textOf(node: MarkupNode): string {
  if (node.type === 'text') return node.value;
  if (node.tag === 'br') return '\n';
  return node.children.map(textOf).join('');
}
