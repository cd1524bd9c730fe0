// Preloaded into a leaflets process by bench/hostile.bench.js: on exit, write
// the process's peak resident set size (KiB, getrusage) where the bench reads it.
const fs = require('node:fs');
const file = process.env.LEAFLETS_PEAK_RSS_FILE;
if (file) process.on('exit', () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS)));
