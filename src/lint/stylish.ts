import { painter } from '../diagnostics/print.js';
import type { LintReport } from './run.js';
import { indexFor, LONG_WORD } from './readability.js';

/**
 * The report for people, laid out like ESLint's "stylish" formatter: each
 * file that has problems, then one line a problem (line:column, severity,
 * message, rule id) in aligned columns, then a summary line. Colour only when
 * the caller says so (a TTY without NO_COLOR).
 */
export function formatStylish(report: LintReport, colour: boolean): string {
  const c = painter(colour);
  const out: string[] = [];
  for (const r of report.results) {
    if (!r.messages.length) continue;
    const rows = r.messages.map((m) => ({
      where: `${m.line}:${m.column}`,
      severity: m.severity,
      message: m.message,
      rule: m.ruleId ?? m.code,
    }));
    const w = Math.max(...rows.map((x) => x.where.length));
    const s = Math.max(...rows.map((x) => x.severity.length));
    const msg = Math.max(...rows.map((x) => x.message.length));
    out.push('', c.underline(r.file));
    for (const x of rows) {
      const sev = x.severity === 'error' ? c.red(x.severity.padEnd(s)) : c.yellow(x.severity.padEnd(s));
      out.push(`  ${c.dim(x.where.padEnd(w))}  ${sev}  ${x.message.padEnd(msg)}  ${c.dim(x.rule)}`);
    }
  }
  const total = report.errorCount + report.warningCount;
  if (total) {
    const line = `✖ ${total} problem${total === 1 ? '' : 's'} (${report.errorCount} error${report.errorCount === 1 ? '' : 's'}, ${report.warningCount} warning${report.warningCount === 1 ? '' : 's'})`;
    out.push('', report.errorCount ? c.red.bold(line) : c.yellow.bold(line));
  } else {
    const langs = report.stats.length;
    out.push(
      c.green(
        `✔ No problems in ${report.leaflets.length} leaflet${report.leaflets.length === 1 ? '' : 's'} (${langs} language file${langs === 1 ? '' : 's'}).`,
      ),
    );
  }
  if (report.tooManyWarnings)
    out.push(c.red.bold(`✖ Too many warnings: ${report.warningCount}, at most ${report.maxWarnings} allowed (--max-warnings or lint.maxWarnings).`));
  return `${out.join('\n').replace(/^\n/, '')}\n`;
}


/**
 * `--stats`: per leaflet and language, every section's words, sentences,
 * words per sentence, share of long words and, where the language has a
 * published formula, its readability score.
 */
export function formatStats(report: LintReport, colour: boolean): string {
  const c = painter(colour);
  const out: string[] = [];
  for (const s of report.stats) {
    const index = indexFor(s.lang);
    const label = index?.label ?? 'score';
    const rows = [...s.sections, s.total].map((r) => ({
      lang: s.lang,
      section: r.section,
      words: String(r.words),
      sentences: String(r.sentences),
      perSentence: r.sentences ? (r.words / r.sentences).toFixed(1) : '–',
      long: r.words ? `${Math.round((100 * r.longWords) / r.words)}%` : '–',
      score: r.score === undefined ? '–' : r.score.toFixed(1),
    }));
    const head = { lang: 'lang', section: 'section', words: 'words', sentences: 'sentences', perSentence: 'words/sentence', long: `long words`, score: label };
    const width = (k: keyof typeof head) => Math.max(head[k].length, ...rows.map((r) => r[k].length));
    const line = (r: typeof head) =>
      `  ${r.lang.padEnd(width('lang'))}  ${r.section.padEnd(width('section'))}  ${r.words.padStart(width('words'))}  ${r.sentences.padStart(width('sentences'))}  ${r.perSentence.padStart(width('perSentence'))}  ${r.long.padStart(width('long'))}  ${r.score.padStart(width('score'))}`;
    const scale = index?.scale ?? 'no readability formula for this language: counts only';
    out.push(`${c.bold(`${s.leaflet} · ${s.lang}`)}  ${c.dim(`(${label}: ${scale}; long words: more than ${LONG_WORD} letters)`)}`, c.dim(line(head)));
    rows.forEach((r, i) => out.push(i === rows.length - 1 ? c.bold(line(r)) : line(r)));
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/** `--json`: ESLint-like, one entry a file ({file, messages, errorCount, warningCount, stats?}). */
export function formatJson(report: LintReport): string {
  return `${JSON.stringify(report.results, null, 2)}\n`;
}
