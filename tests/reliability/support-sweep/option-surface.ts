// Lists, with the TypeScript compiler API over the packages' source, every public function that takes an options
// object and the keys of each options type (nested option objects included), so the bad-option tests are generated
// from the types instead of from a list someone must remember to extend. Public = exported from a package entry
// point (its `exports` map), plus the methods of the objects those functions return (`createHealth().register`).
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The kind of value a key's type accepts, as far as a wrong-typed value goes. */
export type ValueKind = 'number' | 'string' | 'boolean' | 'function' | 'object' | 'array' | 'other';

/** One key of an options type. */
export interface OptionKey {
  /** Key name. */
  readonly name: string;
  /** Whether the key may be left out. */
  readonly optional: boolean;
  /** The kinds of value its type accepts (a union has several). */
  readonly kinds: readonly ValueKind[];
  /** Keys of the nested options object the key holds, when it holds one. */
  readonly nested?: readonly OptionKey[];
}

/** One public function (or method of a returned object) taking an options object. */
export interface OptionFunction {
  /** `entry#name`, or `entry#factory().method` for a method of what a factory returns. */
  readonly id: string;
  /** Position of the options argument. */
  readonly parameter: number;
  /** Name of the options type, as written. */
  readonly typeName: string;
  /** Its keys. */
  readonly keys: readonly OptionKey[];
}

const ROOT = fileURLToPath(new URL('../../../packages/', import.meta.url));

/** The public entry points, as the packages' `exports` maps name them, with their source files. */
export const ENTRY_POINTS: Readonly<Record<string, string>> = {
  '@rollgate/core': 'core/src/index.ts',
  '@rollgate/core/events': 'core/src/events/index.ts',
  '@rollgate/core/rules': 'core/src/rules/index.ts',
  '@rollgate/core/canary': 'core/src/canary/index.ts',
  '@rollgate/core/gate': 'core/src/gate/index.ts',
  '@rollgate/readyz': 'readyz/src/index.ts',
  '@rollgate/readyz/testing': 'readyz/src/testing.ts',
  '@rollgate/adapters/fastify': 'adapters/src/fastify.ts',
  '@rollgate/adapters/express': 'adapters/src/express.ts',
  '@rollgate/adapters/node': 'adapters/src/node.ts',
  '@rollgate/adapters/fetch': 'adapters/src/fetch.ts',
  '@rollgate/adapters/probes': 'adapters/src/probes.ts',
  '@rollgate/adapters/shutdown': 'adapters/src/shutdown.ts',
  '@rollgate/adapters': 'adapters/src/index.ts',
  '@rollgate/cli': 'cli/src/index.ts',
  '@rollgate/contract': 'contract/src/index.ts',
  '@rollgate/contract/errors': 'contract/src/errors.ts',
  '@rollgate/contract/release': 'contract/src/release.ts',
  '@rollgate/contract/compat': 'contract/src/compat.ts',
  '@rollgate/contract/files': 'contract/src/files.ts',
  '@rollgate/contract/testing': 'contract/src/testing.ts',
};

// A parameter is an options object when its type is named so or the parameter is: `options`, `FooOptions`,
// `FooInput` (the evaluators' `{ rules, series, now }`), `ProbeRegistration`.
const OPTION_TYPE_NAME = /(Options|Input|Registration)$/;
const OPTION_PARAMETER_NAME = /^(options|opts|input)$/;

// Types a key may hold that are values the host passes in, not option objects to recurse into.
const OPAQUE_TYPE_NAME =
  /^(Health|DrainableHealth|Registry|Tracer|Server|Readyz|RegExp|Date|URL|AbortSignal|Promise|Map|Set|Uint8Array|Buffer)$|Like$|PromClient$|Registry$|Logger$|Emitter$|Sink$/;

/** Reads the public option surface from source (takes a few seconds: one program over every package). */
export function readOptionSurface(): OptionFunction[] {
  const files = Object.values(ENTRY_POINTS).map((file) => `${ROOT}${file}`);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    baseUrl: ROOT,
    paths: {
      '@rollgate/core/rules': ['core/src/rules/index.ts'],
      '@rollgate/core/canary': ['core/src/canary/index.ts'],
      '@rollgate/core/gate': ['core/src/gate/index.ts'],
      '@rollgate/core/events': ['core/src/events/index.ts'],
      '@rollgate/*/': ['*/src/index.ts'],
      '@rollgate/contract': ['contract/src/index.ts'],
      '@rollgate/core': ['core/src/index.ts'],
      '@rollgate/readyz': ['readyz/src/index.ts'],
      '@rollgate/adapters': ['adapters/src/index.ts'],
      '@rollgate/cli': ['cli/src/index.ts'],
      '@rollgate/contract/*': ['contract/src/*.ts'],
      '@rollgate/readyz/*': ['readyz/src/*.ts'],
      '@rollgate/adapters/*': ['adapters/src/*.ts'],
    },
  });
  const checker = program.getTypeChecker();
  const found = new Map<string, OptionFunction>();
  // A function exported from two entry points (`@rollgate/adapters` and `/probes`) is listed once, under the first.
  const seen = new Set<ts.Declaration>();
  for (const [entry, file] of Object.entries(ENTRY_POINTS)) {
    const source = program.getSourceFile(`${ROOT}${file}`);
    if (source === undefined) throw new Error(`cannot read ${file}`);
    const module = checker.getSymbolAtLocation(source);
    if (module === undefined) continue;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable))) continue;
      const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
      if (declaration === undefined || seen.has(declaration)) continue;
      seen.add(declaration);
      const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
      const id = `${entry}#${exported.name}`;
      for (const signature of type.getCallSignatures()) {
        addOptionParameters(checker, id, signature, found);
        // The methods of what the function returns are public too (createHealth().register, …).
        const returned = unwrapPromise(checker, signature.getReturnType());
        if (!isOwnObject(checker, returned)) continue;
        for (const member of returned.getProperties()) {
          const memberDeclaration = member.valueDeclaration ?? member.declarations?.[0];
          if (memberDeclaration === undefined) continue;
          const memberType = checker.getTypeOfSymbolAtLocation(member, memberDeclaration);
          for (const method of memberType.getCallSignatures()) {
            addOptionParameters(checker, `${id}().${member.name}`, method, found);
          }
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function addOptionParameters(
  checker: ts.TypeChecker,
  id: string,
  signature: ts.Signature,
  found: Map<string, OptionFunction>,
): void {
  signature.getParameters().forEach((parameter, index) => {
    const declaration = parameter.valueDeclaration;
    if (declaration === undefined || !ts.isParameter(declaration)) return;
    const written = declaration.type?.getText() ?? '';
    const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(parameter, declaration));
    const typeName = written.replace(/\s+/g, ' ');
    const named =
      OPTION_TYPE_NAME.test(typeName.replace(/<.*$/, '')) || OPTION_PARAMETER_NAME.test(parameter.name);
    if (!named || !isOptionObject(type)) return;
    if (found.has(id) && (found.get(id)?.parameter ?? -1) !== index) return;
    const keys = readKeys(checker, objectMember(type) ?? type, declaration, 0);
    const known = found.get(id);
    // Overloads (Fastify's plugin signature) list the same parameter twice; keep the one with most keys.
    if (known !== undefined && known.keys.length >= keys.length) return;
    found.set(id, { id, parameter: index, typeName, keys });
  });
}

function readKeys(checker: ts.TypeChecker, type: ts.Type, at: ts.Node, depth: number): OptionKey[] {
  return checker
    .getPropertiesOfType(type)
    .filter((property) => !property.name.startsWith('__'))
    .map((property) => {
      const declaration = property.valueDeclaration ?? property.declarations?.[0] ?? at;
      const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      const inner = checker.getNonNullableType(propertyType);
      const kinds = valueKinds(checker, inner);
      const object = objectMember(inner);
      const nested =
        depth < 2 && object !== undefined && !isOpaqueValue(object)
          ? readKeys(checker, object, declaration, depth + 1)
          : undefined;
      return nested === undefined || nested.length === 0
        ? { name: property.name, optional, kinds }
        : { name: property.name, optional, kinds, nested };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function valueKinds(checker: ts.TypeChecker, type: ts.Type): ValueKind[] {
  const members = type.isUnion() ? type.types : [type];
  const kinds = new Set<ValueKind>();
  for (const member of members) {
    const flags = member.getFlags();
    if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) kinds.add('other');
    else if (flags & ts.TypeFlags.NumberLike) kinds.add('number');
    else if (flags & ts.TypeFlags.StringLike) kinds.add('string');
    else if (flags & ts.TypeFlags.BooleanLike) kinds.add('boolean');
    else if (member.getCallSignatures().length > 0) kinds.add('function');
    else if (checker.isArrayType(member) || checker.isTupleType(member)) kinds.add('array');
    else if (flags & ts.TypeFlags.Object) kinds.add('object');
    else kinds.add('other');
  }
  return [...kinds].sort();
}

// An options object: an object type with named properties, neither callable nor an array nor a host value.
function isOptionObject(type: ts.Type): boolean {
  const object = objectMember(type);
  return object !== undefined && !isOpaqueValue(object);
}

// The one object member of a type (`HeartbeatOptions` of `HeartbeatOptions | false`), if there is exactly one.
function objectMember(type: ts.Type): ts.Type | undefined {
  const members = type.isUnion() ? type.types : [type];
  const objects = members.filter(
    (member) =>
      member.getFlags() & ts.TypeFlags.Object &&
      member.getCallSignatures().length === 0 &&
      member.getProperties().length > 0 &&
      !member.getProperty('length'),
  );
  return objects.length === 1 ? objects[0] : undefined;
}

// An object type declared in the packages (not a primitive's methods, an array's or a dependency's: Commander).
function isOwnObject(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (!(type.getFlags() & ts.TypeFlags.Object) || checker.isArrayType(type)) return false;
  const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
  return declaration !== undefined && !declaration.getSourceFile().fileName.includes('node_modules');
}

function isOpaqueValue(type: ts.Type): boolean {
  const name = (type.aliasSymbol ?? type.getSymbol())?.getName() ?? '';
  return OPAQUE_TYPE_NAME.test(name);
}

function unwrapPromise(checker: ts.TypeChecker, type: ts.Type): ts.Type {
  return checker.getAwaitedType(type) ?? type;
}
