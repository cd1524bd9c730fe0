import { crc32, deflateSync } from 'node:zlib';
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

/** The parts of a pdfkit 0.17.2 reference (an object, here a stream) this module touches. */
interface RefInternals {
  compress: boolean;
  buffer: Uint8Array[];
  document: { _security?: unknown };
  finalize(): void;
}

interface Entry {
  raw: Buffer;
  deflated: Buffer;
}

/** Streams remembered: a document has about a dozen; the fonts' recur in the next one. */
const ENTRIES = 48;
/** Larger streams are not kept (a page of a long table): they seldom recur and would hold memory. */
const MAX_BYTES = 256 * 1024;

/**
 * Streams whose bytes an earlier document of this process already
 * deflated take that document's deflated bytes instead of being deflated
 * again. A font subset, its Unicode map and the like are the same from one
 * leaflet to the next in a language, and from one brand or template to the
 * next of the same text in a build; deflating them was a third of a warm
 * render's deflate time. zlib gives the same bytes for the same input, so
 * the PDF is the same either way.
 */
export function reuseDeflated(doc: Doc, cache: Map<string, unknown>): void {
  let memo = cache.get('pdf:deflated') as Map<string, Entry> | undefined;
  if (!memo) cache.set('pdf:deflated', (memo = new Map()));
  const store = memo;
  const internals = doc as unknown as { ref(data?: unknown): RefInternals };
  const ref = internals.ref.bind(doc);
  internals.ref = (data?: unknown) => {
    const r = ref(data);
    const finalize = r.finalize.bind(r);
    r.finalize = () => {
      if (r.compress && r.buffer.length && !r.document._security) {
        const raw = Buffer.concat(r.buffer);
        r.buffer = [deflated(store, raw)];
        // the Filter was set as the bytes were written; pdfkit must not deflate them again
        r.compress = false;
      }
      finalize();
    };
    return r;
  };
}

function deflated(store: Map<string, Entry>, raw: Buffer): Buffer {
  if (raw.length > MAX_BYTES) return deflateSync(raw);
  const key = `${raw.length}:${crc32(raw)}`;
  const known = store.get(key);
  if (known && known.raw.equals(raw)) {
    // most recently used last
    store.delete(key);
    store.set(key, known);
    return known.deflated;
  }
  const out = deflateSync(raw);
  store.set(key, { raw, deflated: out });
  if (store.size > ENTRIES) store.delete(store.keys().next().value!);
  return out;
}
