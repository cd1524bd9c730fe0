// The least a PDF made with pdfkit costs: a whole process that writes one
// word in one embedded DejaVu Sans face (subset, compressed) and nothing
// else — no content to load, no layout. bench/pdf.bench.js runs it cold
// beside our render and Typst's, as the floor of the stack we build on.
// Usage: node bench/peers/pdfkit-floor.cjs OUT.pdf
const { writeFileSync } = require('node:fs');
const PDFDocument = require('pdfkit');

const doc = new PDFDocument({ size: 'A4' });
const chunks = [];
doc.on('data', (c) => chunks.push(c));
doc.on('end', () => writeFileSync(process.argv[2], Buffer.concat(chunks)));
doc.font(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')).fontSize(11).text('Periduroscopia', 50, 50, { lineBreak: false });
doc.end();
