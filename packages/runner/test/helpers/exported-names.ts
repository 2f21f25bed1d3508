import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Runtime values and type names an entry point exports (a name can be both, like a class). */
export interface ExportedNames {
  readonly values: string[];
  readonly types: string[];
}

/** Export names of source entry points (paths under `src/`), read with one TypeScript program. */
export function exportedNames(entries: readonly string[]): Record<string, ExportedNames> {
  const files = entries.map((entry) =>
    fileURLToPath(new URL(`../../src/${entry}`, import.meta.url)),
  );
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  return Object.fromEntries(
    entries.map((entry, i) => [entry, namesOf(program, checker, entry, files[i] ?? entry)]),
  );
}

function namesOf(
  program: ts.Program,
  checker: ts.TypeChecker,
  entry: string,
  file: string,
): ExportedNames {
  const source = program.getSourceFile(file);
  const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error(`cannot read the exports of ${entry}`);
  const values: string[] = [];
  const types: string[] = [];
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const typeOnly = symbol.declarations?.some((d) => ts.isTypeOnlyExportDeclaration(d)) === true;
    if (!typeOnly && target.flags & ts.SymbolFlags.Value) values.push(symbol.name);
    // A name like `ExitCode` is both a value and a type: it counts in both lists.
    if (target.flags & ts.SymbolFlags.Type) types.push(symbol.name);
  }
  return { values: values.sort(), types: types.sort() };
}
