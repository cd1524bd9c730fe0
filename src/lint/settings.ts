import type { Config, RuleSetting } from '../model/config.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { escapePointer } from '../content/source-map.js';
import { CODES } from '../diagnostics/codes.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { RULES } from './catalogue.js';
import type { LintSeverity, OptionSpec, Rule, RuleId } from './model.js';

/** How one rule runs: off, or on with its options and (if configured) one severity for all its findings. */
export interface RuleRun {
  rule: Rule<object>;
  /** undefined: each finding keeps the rule's own level (review-date: passed = error, soon = warning) */
  severity?: LintSeverity;
  options: object;
}

/**
 * Resolves `lint.rules` of leaflets.config.yaml: ruleId → 'off' | 'warn' |
 * 'error' | [severity, options]. Unknown rule ids and options are errors
 * with a suggestion, located in the config file.
 */
export function resolveRules(config: Config): { runs: RuleRun[]; diagnostics: Diagnostic[] } {
  const configured = config.lint?.rules ?? {};
  const diagnostics: Diagnostic[] = [];
  const where = (pointer: string, key = true) => {
    if (!config.sourceMap) return {};
    const p = key ? config.sourceMap.locateKey(pointer) : config.sourceMap.locate(pointer);
    return { file: config.sourceMap.file, line: p.line, column: p.column };
  };
  const ids = RULES.map((r) => r.id);
  for (const id of Object.keys(configured))
    if (!ids.includes(id as RuleId))
      diagnostics.push({
        code: CODES.LINT_UNKNOWN_RULE,
        severity: 'error',
        message: `There is no lint rule '${id}'.${didYouMean(id, ids)} Rules: ${ids.join(', ')}.`,
        ...where(`/lint/rules/${escapePointer(id)}`),
      });

  const runs: RuleRun[] = [];
  for (const rule of RULES) {
    const setting: RuleSetting | undefined = configured[rule.id];
    const [level, given] = Array.isArray(setting) ? [setting[0], setting[1] ?? {}] : [setting, {}];
    const base = `/lint/rules/${escapePointer(rule.id)}`;
    const options: Record<string, unknown> = { ...(rule.defaults as Record<string, unknown>) };
    const specs = rule.options as Record<string, OptionSpec>;
    for (const [name, value] of Object.entries(given)) {
      const spec = specs[name];
      const at = where(`${base}/1/${escapePointer(name)}`);
      if (!spec) {
        const known = Object.keys(specs);
        diagnostics.push({
          code: CODES.LINT_BAD_RULE_OPTION,
          severity: 'error',
          message: `The rule '${rule.id}' has no option '${name}'.${didYouMean(name, known)} ${known.length ? `Options: ${known.join(', ')}.` : 'It takes no options.'}`,
          ...at,
        });
        continue;
      }
      const problem = checkOption(spec, value);
      if (problem) {
        diagnostics.push({
          code: CODES.LINT_BAD_RULE_OPTION,
          severity: 'error',
          message: `The option '${name}' of '${rule.id}' ${problem}.`,
          ...where(`${base}/1/${escapePointer(name)}`, false),
        });
        continue;
      }
      options[name] = value;
    }
    if (level === 'off') continue;
    runs.push({ rule, severity: level === 'warn' ? 'warning' : level === 'error' ? 'error' : undefined, options });
  }
  return { runs, diagnostics };
}

function checkOption(spec: OptionSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number, not ${JSON.stringify(value)}`;
      if (spec.type === 'integer' && !Number.isInteger(value)) return `must be a whole number, not ${value}`;
      if (spec.min !== undefined && value < spec.min) return `must be at least ${spec.min}, not ${value}`;
      return undefined;
    case 'strings':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        return `must be a list of texts, not ${JSON.stringify(value)}`;
      return undefined;
  }
}
