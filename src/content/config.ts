import { stat } from 'node:fs/promises';
import type { Config } from '../model/config.js';
import type { Result } from '../model/diagnostic.js';
import { readYamlFile } from './yaml.js';
import { validateAgainst } from './schema.js';
import { displayPath, layout } from './paths.js';

/** Reads <root>/leaflets.config.yaml; a root without one gets an empty config (all defaults). */
export async function loadConfig(options: { root: string; cwd: string }): Promise<Result<Config>> {
  const file = layout.config(options.root);
  try {
    await stat(file);
  } catch {
    return { ok: true, value: {}, warnings: [] };
  }
  const parsed = await readYamlFile(file, displayPath(file, options.cwd), options.root);
  if (!parsed.ok) return parsed;
  const errors = validateAgainst('config', parsed.value.data, parsed.value.map);
  if (errors.length) return { ok: false, diagnostics: errors };
  return { ok: true, value: { ...(parsed.value.data as Config), file, sourceMap: parsed.value.map }, warnings: [] };
}
