#!/usr/bin/env bash
# Renders every bundled leaflet, in every language, as PDF and HTML into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
for id in $(node bin/leaflets.js list --json | node -e 'for (const l of JSON.parse(require("fs").readFileSync(0,"utf8"))) console.log(l.id)'); do
  for lang in $(node bin/leaflets.js list --json | node -e 'const id=process.argv[1]; for (const l of JSON.parse(require("fs").readFileSync(0,"utf8"))) if (l.id===id) console.log(l.languages.join(" "))' "$id"); do
    node bin/leaflets.js render "$id" --lang "$lang" --format pdf,html --out out
  done
done
