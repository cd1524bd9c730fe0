import { loadStrings } from '../../src/content/strings.js';
import { stringUses } from '../../src/compose/engine.js';
import { PATIENT_ROW_KEYS } from '../../src/select/patient.js';
import type { Template } from '../../src/model/template.js';
import type { SelectedStrings } from '../../src/select/view.js';

/** The language pack for `lang` under `root` and the strings `template` reads: what selectView needs. */
export async function stringsFor(lang: string, template: Template, root: string, cwd = root): Promise<SelectedStrings> {
  const pack = await loadStrings(lang, { root, cwd });
  if (!pack.ok) throw new Error(pack.diagnostics.map((d) => d.message).join('\n'));
  return { pack: pack.value, uses: stringUses(template, PATIENT_ROW_KEYS) };
}
