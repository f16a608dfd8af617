// node jsonld_compare.js DOC.jsonld EXPECTED.nq: exit 0 if the JSON-LD document's dataset (by the
// npm jsonld package's toRDF) equals the N-Quads file's, after URDNA2015 canonicalisation.
'use strict';
const fs = require('fs');
const jsonld = require('jsonld');

async function main() {
  const [docPath, nqPath] = process.argv.slice(2);
  const doc = JSON.parse(fs.readFileSync(docPath, 'utf8'));
  const options = {algorithm: 'URDNA2015', format: 'application/n-quads', safe: true};
  // safe mode: a term jsonld.js would drop (an undefined prefix, a bad IRI) is an error, not silence.
  const fromJsonLd = await jsonld.canonize(doc, options);
  const fromNQuads = await jsonld.canonize(fs.readFileSync(nqPath, 'utf8'),
                                           {...options, inputFormat: 'application/n-quads'});
  const a = new Set(fromJsonLd.split('\n').filter(Boolean));
  const b = new Set(fromNQuads.split('\n').filter(Boolean));
  const missing = [...b].filter(q => !a.has(q));
  const extra = [...a].filter(q => !b.has(q));
  if (missing.length || extra.length) {
    console.log(`FAIL: ${missing.length} quads missing from the JSON-LD, ${extra.length} extra`);
    for (const q of missing.slice(0, 10)) console.log('  - ' + q);
    for (const q of extra.slice(0, 10)) console.log('  + ' + q);
    process.exit(1);
  }
  console.log(`PASS: ${b.size} quads; the JSON-LD document (${fs.statSync(docPath).size} bytes) ` +
              'reads back through npm jsonld as the same dataset');
}
main().catch(e => { console.log('FAIL: ' + (e.stack || e)); process.exit(1); });
