import type { Paper } from './template.js';
import type { SourceMap } from '../content/source-map.js';

export type RuleSeverity = 'off' | 'warn' | 'error';
export type RuleSetting = RuleSeverity | [RuleSeverity] | [RuleSeverity, Record<string, unknown>];

/** leaflets.config.yaml as validated. Absent fields mean "the default". */
export interface Config {
  leaflets?: 'all' | string[];
  languages?: 'all' | string[];
  /** brand names, or 'all' (every data/brands/*.yaml); absent: the default brand */
  brands?: 'all' | string[];
  templates?: 'all' | string[];
  formats?: ('pdf' | 'html')[];
  paper?: Paper;
  sections?: string[];
  skip?: string[];
  /** output folder, relative to the config file's folder */
  out?: string;
  /** output path pattern inside `out`, with {leaflet} {lang} {brand} {template} {paper} {format} */
  output?: string;
  jobs?: number;
  lint?: { maxWarnings?: number; rules?: Record<string, RuleSetting> };
  /** absolute path of the file, or undefined when the root has none */
  file?: string;
  sourceMap?: SourceMap;
}
