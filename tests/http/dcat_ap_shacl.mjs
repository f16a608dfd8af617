// Validates an RDF file (Turtle) against SHACL shapes files with rdf-validate-shacl and prints
// every result. Exit 1 when any result is a sh:Violation (warnings are listed, not fatal).
// Usage: node dcat_ap_shacl.mjs DATA.ttl SHAPES.ttl...   (NODE_PATH: where the packages are)
import rdf from '@zazuko/env-node'
import SHACLValidator from 'rdf-validate-shacl'

const [dataFile, ...shapeFiles] = process.argv.slice(2)
const shapes = rdf.dataset()
for (const file of shapeFiles) await shapes.import(rdf.fromFile(file))
const data = await rdf.dataset().import(rdf.fromFile(dataFile))
// The shapes' owl:imports name remote vocabularies and code lists (not shapes): offline, they import nothing.
const validator = new SHACLValidator(shapes, { factory: rdf, importGraph: () => rdf.dataset() })
const report = await validator.validate(data)
const short = (term) => (term ? term.value.replace(/^.*[#/]/, '') : '')
let violations = 0
let warnings = 0
for (const result of report.results) {
  const severity = short(result.severity)
  if (severity === 'Violation') violations++
  else warnings++
  const message = result.message.map((m) => m.value).join('; ')
  console.log(`${severity}: ${result.focusNode?.value} ${short(result.path)} ${short(result.sourceConstraintComponent)} ${message}`)
}
console.log(`${data.size} triples, ${shapes.size} shape triples: ${violations} violations, ${warnings} warnings`)
process.exit(violations > 0 ? 1 : 0)
