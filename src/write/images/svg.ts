import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { excerpt } from '../../diagnostics/excerpt.js';
import { refuse, type ImageProblem, type Inspection } from './problem.js';

export interface SvgFacts {
  /** intrinsic size in user units, from width/height or the viewBox */
  width: number;
  height: number;
  /** elements a renderer draws once every reference (<use>, url(#…), markers) is expanded */
  expandedElements: number;
}

/** Checks a raster embedded as a data: URI: the same checker as a logo file. */
export type InspectEmbedded = (bytes: Uint8Array, type: 'png' | 'jpeg') => ImageProblem | undefined;

const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const SELF_CONTAINED = 'Logos and figures must be self-contained: shapes, paths and gradients only, no links, scripts, stylesheets or fonts from elsewhere.';
/** elements that run code or embed documents, in any namespace and any case */
const ACTIVE = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'handler', 'listener', 'audio', 'video', 'canvas']);
const ANIMATION = new Set(['set', 'animate', 'animatemotion', 'animatetransform', 'animatecolor']);
/** presentation attributes whose url(#…) draws the target once per vertex */
const MARKERS = /^marker(-start|-mid|-end)?$/;

interface Node {
  /** references to ids, each with how many times it is drawn */
  refs: { id: string; times: number }[];
  children: number[];
}

/**
 * Parses the SVG with a strict XML parser (what a browser does with an
 * image/svg+xml file; anything not well-formed is refused rather than
 * guessed at) and refuses, before any renderer sees it: a DOCTYPE (entities
 * are how XML reaches files and multiplies text), scripts, event handlers,
 * embedded HTML, animations that rewrite links, any reference that is not
 * `#id` or a data: PNG/JPEG (which is checked as an image of its own), CSS
 * imports and escapes, and a drawing that expands — through <use> and
 * url(#…) references, counted with memo — to more than `maxElements`.
 */
export function inspectSvg(bytes: Uint8Array, maxElements: number, embedded: InspectEmbedded): Inspection<SvgFacts> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse('damaged', 'the SVG is not UTF-8 text.', 'Save it again as UTF-8.');
  }
  const nodes: Node[] = [];
  const ids = new Map<string, number>();
  const stack: number[] = [];
  /** url(#…) in <style> elements may apply to every element */
  const styleRefs: string[] = [];
  let root: SaxesTagNS | undefined;
  let inStyle = 0;
  let problem: ImageProblem | undefined;
  const stop = (p: ImageProblem) => {
    problem ??= p;
    throw STOP;
  };

  const parser = new SaxesParser({ xmlns: true });
  parser.on('doctype', () => stop({ kind: 'external', why: 'the SVG declares a DOCTYPE, through which XML entities can pull in files or multiply text.', hint: 'Remove the <!DOCTYPE …> line; an SVG needs none.' }));
  parser.on('processinginstruction', (pi) => {
    if (pi.target.toLowerCase() === 'xml-stylesheet') stop({ kind: 'external', why: 'the SVG links a stylesheet (<?xml-stylesheet?>).', hint: SELF_CONTAINED });
  });
  parser.on('opentag', (tag) => {
    const local = tag.local.toLowerCase();
    if (ACTIVE.has(local) || tag.uri === XHTML_NS) stop({ kind: 'active', why: `the SVG contains a <${escape(tag.name)}> element, which can run code or embed a web page.`, hint: SELF_CONTAINED });
    if (!root) {
      root = tag;
      if (tag.local !== 'svg' || tag.uri !== SVG_NS)
        stop({ kind: 'not-format', why: 'the file is not an SVG image (its root element is not <svg xmlns="http://www.w3.org/2000/svg">).', hint: 'Export it again as SVG; the root element needs the SVG namespace.' });
    }
    const index = nodes.length;
    const node: Node = { refs: [], children: [] };
    nodes.push(node);
    if (stack.length) nodes[stack[stack.length - 1]!]!.children.push(index);
    stack.push(index);
    if (local === 'style') inStyle++;
    const attrs = Object.values(tag.attributes) as SaxesAttributeNS[];
    if (ANIMATION.has(local)) {
      const target = attrs.find((a) => a.local === 'attributeName')?.value.trim().toLowerCase() ?? '';
      if (/href$/.test(target) || target.startsWith('on')) stop({ kind: 'active', why: `the SVG animates its ${escape(target)} attribute, which can turn a shape into a link or a script.`, hint: SELF_CONTAINED });
    }
    const vertices = Math.max(1, countNumbers(attrs.find((a) => a.local === 'd' || a.local === 'points')?.value ?? '') / 2);
    for (const a of attrs) {
      const name = a.local.toLowerCase();
      if (name.startsWith('on')) stop({ kind: 'active', why: `the SVG has an event-handler attribute (${escape(a.name)}=), which runs script.`, hint: SELF_CONTAINED });
      if (a.prefix === 'xmlns' || (!a.prefix && a.local === 'xmlns')) continue;
      if (name === 'href') {
        const target = a.value.trim();
        if (target.startsWith('#')) node.refs.push({ id: target.slice(1), times: 1 });
        else if (/^data:/i.test(target)) {
          const p = dataImageProblem(target, embedded);
          if (p) stop(p);
        } else stop(externalRef(`${a.name}="${target}"`));
        continue;
      }
      const times = MARKERS.test(name) ? vertices : 1;
      const css = name === 'style' ? cssProblem(a.value) : undefined;
      if (css) stop(css);
      for (const id of urlRefs(a.value, stop)) node.refs.push({ id, times: name === 'style' && /marker/i.test(a.value) ? vertices : times });
    }
    const id = attrs.find((a) => a.local === 'id')?.value;
    if (id !== undefined && !ids.has(id)) ids.set(id, index);
    if (nodes.length > maxElements) stop(tooComplex(nodes.length, maxElements));
  });
  parser.on('text', (t) => {
    if (!inStyle) return;
    const css = cssProblem(t);
    if (css) stop(css);
    styleRefs.push(...urlRefs(t, stop));
  });
  parser.on('cdata', (t) => {
    if (!inStyle) return;
    const css = cssProblem(t);
    if (css) stop(css);
    styleRefs.push(...urlRefs(t, stop));
  });
  parser.on('closetag', (tag) => {
    if (tag.local?.toLowerCase() === 'style') inStyle--;
    stack.pop();
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e !== STOP) return refuse('damaged', `the SVG is not well-formed XML (${escape(String((e as Error).message ?? e).split('\n')[0]!)}).`, 'Export it again, or check it with an XML validator.');
  }
  if (problem) return { ok: false, problem };
  if (!root) return refuse('not-format', 'the file has no <svg> element.', 'Export it again as SVG.');

  const expanded = expandedSize(nodes, ids, styleRefs, maxElements);
  if (expanded === 'cycle') return refuse('too-large', 'the SVG refers to itself in a loop (a <use> or url(#…) that contains its own target).', 'Remove the reference that points back into itself.');
  if (expanded > maxElements) return { ok: false, problem: tooComplex(expanded, maxElements) };

  const size = intrinsicSize(root);
  if (!size) return refuse('unsupported', 'the SVG has no width and height or viewBox, so it has no size to lay out.', 'Add a viewBox="0 0 W H" to the <svg> element.');
  return { ok: true, facts: { ...size, expandedElements: expanded } };
}

const STOP = Symbol('stop');

function tooComplex(count: number, max: number): ImageProblem {
  return {
    kind: 'too-large',
    why: `the SVG expands to ${count > max * 1000 ? `more than ${max * 1000}` : count} elements once its <use> and url(#…) references are drawn; at most ${max} are accepted.`,
    hint: 'Simplify the drawing (flatten repeated <use> copies) or export it as a PNG.',
  };
}

function externalRef(what: string): ImageProblem {
  return { kind: 'external', why: `the SVG refers to something outside itself (${escape(what)}); only #id references inside the file and data: PNG or JPEG images are allowed.`, hint: SELF_CONTAINED };
}

/** CSS in a style attribute or <style> element: no imports, no fonts from elsewhere, no escapes that could spell url( or @import. */
function cssProblem(css: string): ImageProblem | undefined {
  if (css.includes('\\')) return { kind: 'external', why: 'the SVG’s CSS uses backslash escapes, which can hide a url( or @import from this check.', hint: 'Write the CSS without escapes.' };
  if (/@import|@font-face|@namespace/i.test(css)) return { kind: 'external', why: 'the SVG’s CSS imports a stylesheet or a font (@import, @font-face).', hint: SELF_CONTAINED };
  if (/\b(image-set|image|cross-fade|element|src)\s*\(/i.test(css)) return { kind: 'external', why: 'the SVG’s CSS loads an image or font by function (image-set(), src() …).', hint: SELF_CONTAINED };
  return undefined;
}

/** The #ids named by url(…) in a value; anything else inside url( … ) is refused. */
function urlRefs(value: string, stop: (p: ImageProblem) => never): string[] {
  if (!/url\s*\(/i.test(value)) return [];
  const out: string[] = [];
  for (const m of value.matchAll(/url\s*\(\s*(["']?)([^"')]*)\1\s*\)?/gi)) {
    const target = m[2]!.trim();
    if (target.startsWith('#')) out.push(target.slice(1));
    else stop(externalRef(`url(${target})`));
  }
  return out;
}

function dataImageProblem(uri: string, embedded: InspectEmbedded): ImageProblem | undefined {
  const m = /^data:image\/(png|jpeg|jpg);base64,([A-Za-z0-9+/=\s]*)$/i.exec(uri);
  if (!m) return externalRef(`${uri.slice(0, 40)}…`);
  const type = m[1]!.toLowerCase() === 'png' ? 'png' : 'jpeg';
  const p = embedded(Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64'), type);
  return p ? { ...p, why: `an image embedded in the SVG is refused: ${p.why}` } : undefined;
}

/**
 * How many elements the drawing holds once expanded: an element costs
 * itself, its children, and each element it refers to (times how often it
 * is drawn). Evaluated once per element (memo) and without recursion, so a
 * 2 KB file of nested <use> that would draw 10^9 shapes is counted in
 * microseconds; counts saturate just above the limit.
 */
function expandedSize(nodes: Node[], ids: Map<string, number>, styleRefs: string[], max: number): number | 'cycle' {
  const cap = max + 1;
  const cost = new Float64Array(nodes.length);
  const state = new Uint8Array(nodes.length); // 0 new, 1 on the stack, 2 done
  const deps = (i: number): number[] => {
    const out = [...nodes[i]!.children];
    for (const r of nodes[i]!.refs) {
      const t = ids.get(r.id);
      if (t !== undefined) out.push(t);
    }
    return out;
  };
  for (let start = 0; start < nodes.length; start++) {
    if (state[start] === 2) continue;
    const work: number[] = [start];
    while (work.length) {
      const i = work[work.length - 1]!;
      if (state[i] === 0) {
        state[i] = 1;
        for (const d of deps(i)) {
          if (state[d] === 1) return 'cycle';
          if (state[d] === 0) work.push(d);
        }
        continue;
      }
      work.pop();
      if (state[i] === 2) continue;
      let c = 1;
      for (const ch of nodes[i]!.children) c += cost[ch]!;
      for (const r of nodes[i]!.refs) {
        const t = ids.get(r.id);
        if (t !== undefined) c += cost[t]! * r.times;
      }
      cost[i] = Math.min(c, cap * 1000);
      state[i] = 2;
    }
  }
  let total = nodes.length ? cost[0]! : 0;
  // a rule in <style> may apply to every element: count its target once per element
  for (const id of styleRefs) {
    const t = ids.get(id);
    if (t !== undefined) total += cost[t]! * nodes.length;
  }
  return Math.min(total, cap * 1000);
}

function intrinsicSize(root: SaxesTagNS): { width: number; height: number } | undefined {
  const attr = (name: string) => (Object.values(root.attributes) as SaxesAttributeNS[]).find((a) => a.local === name && !a.prefix)?.value;
  const num = (v: string | undefined) => (v && /^\s*[\d.]+(e[+-]?\d+)?\s*(px|pt)?\s*$/i.test(v) ? parseFloat(v) : undefined);
  const box = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  const width = num(attr('width')) ?? (box?.length === 4 ? box[2] : undefined);
  const height = num(attr('height')) ?? (box?.length === 4 ? box[3] : undefined);
  if (!width || !height || !Number.isFinite(width) || !Number.isFinite(height) || width <= 0 || height <= 0) return undefined;
  return { width, height };
}

function countNumbers(s: string): number {
  let n = 0;
  for (const _ of s.matchAll(/[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi)) n++;
  return n;
}

/** A short, printable excerpt of text from the file: never more than 60 characters, no control characters. */
function escape(s: string): string {
  return excerpt(s, 60);
}
