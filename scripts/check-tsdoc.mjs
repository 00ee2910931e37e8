// Every exported name of every public entry point has a TSDoc line. TypeDoc builds the API reference from those
// lines (`pnpm docs`); this check walks the same entry points (typedoc.json) with the TypeScript compiler and fails,
// naming each one, on an export whose declaration carries no `/** … */` comment, so `pnpm test` catches it.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { entryPoints, tsconfig } = JSON.parse(readFileSync(resolve(root, 'typedoc.json'), 'utf8'));
const configFile = ts.readConfigFile(resolve(root, tsconfig), ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
const program = ts.createProgram(
  entryPoints.map((entry) => resolve(root, entry)),
  parsed.options,
);
const checker = program.getTypeChecker();

function hasDoc(declaration) {
  // A variable's comment sits on its statement, not on the declarator.
  const node = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  return ts.getJSDocCommentsAndTags(node).length > 0 || (node.jsDoc?.length ?? 0) > 0;
}

const missing = [];
for (const entry of entryPoints) {
  const source = program.getSourceFile(resolve(root, entry));
  if (source === undefined) {
    missing.push(`${entry}: entry point not found`);
    continue;
  }
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) continue;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = (symbol.declarations ?? []).filter((d) => !d.getSourceFile().isDeclarationFile);
    if (declarations.length === 0) continue; // re-exported from a dependency: documented there
    if (declarations.some(hasDoc)) continue;
    const first = declarations[0];
    const file = relative(root, first.getSourceFile().fileName);
    const { line } = first.getSourceFile().getLineAndCharacterOfPosition(first.getStart());
    missing.push(`${entry}: ${exported.getName()} (${file}:${line + 1}) has no TSDoc comment`);
  }
}

const unique = [...new Set(missing)];
if (unique.length > 0) {
  console.error(`${unique.length} exported name(s) without a TSDoc line:\n  ${unique.join('\n  ')}`);
  process.exit(1);
}
console.log(`every exported name of ${entryPoints.length} entry points has a TSDoc line`);
