// Parses and validates an AsyncAPI document with the AsyncAPI parser and prints every diagnostic as JSON:
// [{ "severity": "error" | "warning" | "information" | "hint", "code", "message", "path" }].
// Usage: node validate.mjs <file>. Exit 0 when parsed (even with diagnostics), 2 when the file cannot be read.
import { readFile } from 'node:fs/promises';
import { Parser } from '@asyncapi/parser';

const severities = ['error', 'warning', 'information', 'hint'];
const file = process.argv[2];
if (!file) {
  console.error('usage: node validate.mjs <asyncapi-document>');
  process.exit(2);
}

let text;
try {
  text = await readFile(file, 'utf8');
} catch (e) {
  console.error(`${file}: ${e.message}`);
  process.exit(2);
}

const { diagnostics } = await new Parser().parse(text, { source: file });
console.log(JSON.stringify(diagnostics.map(d => ({
  severity: severities[d.severity] ?? String(d.severity),
  code: String(d.code),
  message: d.message,
  path: d.path.join('/'),
})), null, 2));
