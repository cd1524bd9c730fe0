import { Command, Option } from 'commander';
import type { CliIO } from './context.js';
import { examples, paperOption, withCommon } from './options.js';

export interface RenderCliOptions {
  root: string;
  json?: boolean;
  lang?: string;
  format: string;
  brand?: string;
  template: string;
  paper: string;
  sections?: string;
  skip?: string;
  patient?: string;
  set: string[];
  allowDraft?: boolean;
  calendar?: boolean;
  output?: string;
  out: string;
  overwrite?: boolean;
}

export function renderCommand(io: CliIO, setExit: (code: number) => void): Command {
  return withCommon(new Command('render'))
    .description('render one leaflet to PDF and/or HTML')
    .argument('<leaflet>', 'leaflet id (see `leaflets list`)')
    .option('--lang <code>', "language (default: the leaflet's source language)")
    .option('--format <formats>', 'pdf, html or pdf,html', 'pdf')
    .option('--brand <name>', 'brand from data/brands/<name>.yaml, also in the default file name (default: neutral, built in when the root has no neutral.yaml)')
    .option('--template <name>', 'template: standard or large-print', 'standard')
    .addOption(paperOption('paper size (PDF and print CSS)').default('a4'))
    .option('--sections <ids>', 'keep only these sections (comma-separated; parent.child for one subsection)')
    .option('--skip <ids>', 'leave out these sections (comma-separated)')
    .option('--patient <file>', "a patient file: the handout gets that patient's appointment box")
    .option('--set <key=value>', 'set one patient field (repeatable), e.g. --set appointment.time=08:30', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--allow-draft', "allow a patient's handout from a draft translation (it keeps its DRAFT marks)")
    .option('--calendar', "with --patient: also write an iCalendar file (.ics) of the preparation plan and the appointment, for the patient's phone")
    .option('-o, --output <file>', 'output file (one format only)')
    .option('--out <dir>', 'output folder for default file names', 'out')
    .option('--overwrite', 'replace an existing output file that leaflets did not write (sources are never replaced)')
    .addHelpText(
      'after',
      examples([
        'leaflets render periduroscopia --lang it --brand demo-clinic',
        'leaflets render periduroscopia --lang en --format html --sections what-it-is,procedure,faq',
        'leaflets render periduroscopia --lang it --format html --skip alternatives,when-recommended.contraindications',
        'leaflets render periduroscopia --lang en --paper letter --template large-print',
        'leaflets render periduroscopia --lang it --format pdf,html --out out/',
        'leaflets render periduroscopia --lang it --patient data/patients/example.yaml --set note="Portare la risonanza"',
        'leaflets render cataract-surgery --lang it --patient data/patients/example-cataract.yaml --calendar --allow-draft',
      ]) + '\nOutput: <out>/<id>-<lang>[-<template>].<format>; SOURCE_DATE_EPOCH fixes the dates inside the files.\n',
    )
    .action(async (id: string, opts: RenderCliOptions) => {
      const { runRender } = await import('./render-run.js');
      setExit(await runRender(id, opts, io));
    });
}

