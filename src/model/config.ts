import type { Paper } from './template.js';
import type { SourceMap } from '../content/source-map.js';

export type RuleSeverity = 'off' | 'warn' | 'error';
export type RuleSetting = RuleSeverity | [RuleSeverity] | [RuleSeverity, Record<string, unknown>];

/** leaflets.config.yaml as validated. Absent fields mean "the default". */
export interface Config {
  leaflets?: 'all' | string[];
  languages?: 'all' | string[];
  brands?: string[];
  templates?: string[];
  formats?: ('pdf' | 'html')[];
  paper?: Paper;
  sections?: string[];
  skip?: string[];
  out?: string;
  output?: string;
  jobs?: number;
  lint?: { maxWarnings?: number; rules?: Record<string, RuleSetting> };
  /** absolute path of the file, or undefined when the root has none */
  file?: string;
  sourceMap?: SourceMap;
}
