/**
 * patient-leaflets as a library: the public entry (`import … from
 * 'patient-leaflets'`). Everything here returns data — diagnostics with codes
 * and positions, artefacts as bytes, reports — and never prints, exits or
 * reads the environment; the `leaflets` CLI (src/cli/) is a thin layer over
 * it. What is exported here is the versioned API (docs/api.md); every other
 * module is internal and may change in any release.
 */
export { Renderer, FORMATS, defaultFileName } from './render.js';
export type { Artefact, Format, RenderRequest } from './render.js';
export type { Composed } from './pipeline.js';

export { validate } from './api/validate.js';
export type { Checked, ValidateOptions, ValidationReport } from './api/validate.js';
export { lint } from './api/lint.js';
export type { LintOptions, LintReport } from './api/lint.js';
export { build } from './batch/build.js';
export type { BuildOptions, BuildProgress } from './batch/build.js';
export type { ArtefactRecord, ArtefactStatus, BuildReport } from './batch/report.js';
export { languages } from './api/languages.js';
export type { LanguageReport, LanguagesOptions } from './api/languages.js';
export { init } from './scaffold/init.js';
export type { InitOptions, Scaffolded } from './scaffold/init.js';
export { checkPatient } from './content/patient.js';

export { CODES } from './diagnostics/codes.js';
export type { Code } from './diagnostics/codes.js';
export { formatDiagnostics } from './diagnostics/print.js';
export type { Diagnostic, Result, Severity } from './model/diagnostic.js';
export type { Patient, Medication } from './model/patient.js';
export type { Paper } from './model/template.js';
export type { Shard } from './batch/shard.js';
