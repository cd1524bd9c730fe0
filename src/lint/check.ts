import type { Diagnostic } from '../model/diagnostic.js';
import type { LanguageContent, Leaflet } from '../model/content.js';
import type { FontChain, LintMessage, LintTarget, PackInfo } from './model.js';
import type { Brand } from '../model/brand.js';
import type { RuleRun } from './settings.js';
import { textUnits, type TextUnit } from './units.js';

export interface CheckOptions {
  runs: RuleRun[];
  /** YYYY-MM-DD */
  today: string;
  fonts: FontChain[];
  packs?: ReadonlyMap<string, PackInfo>;
  brands?: readonly Brand[];
  /** language → callout labels of the templates (typed-decoration) */
  calloutLabels?: ReadonlyMap<string, readonly string[]>;
}

export type PlacedMessage = LintMessage & { file: string };

/** Runs every enabled rule on one loaded leaflet. Pure: the same leaflet, day and fonts give the same messages. */
export function checkLeaflet(leaflet: Leaflet, options: CheckOptions): PlacedMessage[] {
  const memo = new Map<LanguageContent, TextUnit[]>();
  const target: LintTarget = {
    leaflet,
    today: options.today,
    fonts: options.fonts,
    packs: options.packs ?? new Map(),
    brands: options.brands ?? [],
    ...(options.calloutLabels ? { calloutLabels: options.calloutLabels } : {}),
    units(lang) {
      let u = memo.get(lang);
      if (!u) memo.set(lang, (u = textUnits(lang)));
      return u;
    },
  };
  const out: PlacedMessage[] = [];
  for (const { rule, severity, options: ruleOptions } of options.runs)
    for (const f of rule.check(target, ruleOptions)) {
      const { severity: native, file, ...rest } = f;
      out.push({ ...rest, file, ruleId: rule.id, severity: severity ?? native ?? rule.severity });
    }
  return out;
}

/** A load or config problem as a lint message: no rule, the code says what it is. */
export function fromDiagnostic(d: Diagnostic, fallbackFile: string): PlacedMessage {
  return {
    file: d.file ?? fallbackFile,
    ruleId: null,
    severity: d.severity === 'error' ? 'error' : 'warning',
    message: d.message,
    line: d.line ?? 1,
    column: d.column ?? 1,
    ...(d.endLine !== undefined ? { endLine: d.endLine } : {}),
    ...(d.endColumn !== undefined ? { endColumn: d.endColumn } : {}),
    code: d.code,
    ...(d.hints?.length ? { hints: d.hints } : {}),
  };
}
