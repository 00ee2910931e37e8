import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { toJSONSchemas } from '../json-schema.js';
import { CONTRACT_KINDS, type ContractKind } from '../kinds.js';
import { SCHEMA_VERSION } from '../primitives/schemas.js';
import { formatPath, type ParseResult } from './issues.js';
import { DEFAULT_LIMITS } from './limits.js';
import { parseContract } from './parse-contract.js';

const FIXTURES = fileURLToPath(new URL(`../../fixtures/v${SCHEMA_VERSION}/`, import.meta.url));
const SEED = 20_251_002;
const RUNS_PER_KIND = 10_000;

function validFixtures(kind: ContractKind): unknown[] {
  const dir = join(FIXTURES, kind, 'valid');
  return readdirSync(dir)
    .filter((name) => /\.(json|yaml)$/.test(name))
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      return name.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    });
}

// ---- Values no JSON parser produces, but a JavaScript caller can hand over. ----

function cyclicObject(): unknown {
  const doc: Record<string, unknown> = { env: 'production', services: [] };
  (doc.services as unknown[]).push({ name: 'orders-api', owner: doc });
  return doc;
}

function cyclicArray(): unknown {
  const list: unknown[] = [];
  list.push({ steps: list });
  return list;
}

function throwingGetter(): unknown {
  return Object.defineProperty({ env: 'production' }, 'version', {
    enumerable: true,
    get() {
      throw new Error('getter exploded');
    },
  });
}

function getterThrowingNonError(): unknown {
  return Object.defineProperty({}, 'schema_version', {
    enumerable: true,
    get() {
      throw 42;
    },
  });
}

function proxyThrowingOwnKeys(): unknown {
  return new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('ownKeys trap');
      },
    },
  );
}

function proxyThrowingPrototype(): unknown {
  return new Proxy(
    {},
    {
      getPrototypeOf() {
        throw new Error('getPrototypeOf trap');
      },
    },
  );
}

function revokedProxy(): unknown {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function proxyArrayThrowingLength(): unknown {
  return new Proxy([1, 2, 3], {
    get(target, key, receiver) {
      if (key === 'length') throw new Error('length trap');
      return Reflect.get(target, key, receiver);
    },
  });
}

// Every read returns a fresh, deeper object: only the depth bound ends the walk.
function bottomlessProxy(): unknown {
  const handler: ProxyHandler<object> = {
    ownKeys: () => ['deeper'],
    getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
    get: () => new Proxy({}, handler),
  };
  return new Proxy({}, handler);
}

class Deployment {
  env = 'production';
}

const hostileFactories: Array<() => unknown> = [
  cyclicObject,
  cyclicArray,
  throwingGetter,
  getterThrowingNonError,
  proxyThrowingOwnKeys,
  proxyThrowingPrototype,
  revokedProxy,
  proxyArrayThrowingLength,
  bottomlessProxy,
  () => Symbol('schema_version'),
  () => () => 'a function',
  () => 10n ** 30n,
  () => new Date('2025-10-02T20:00:00+08:00'),
  () => new Date(Number.NaN),
  () => new Deployment(),
  () => new Map([['env', 'production']]),
  () => new Uint8Array([1, 2, 3]),
  () => Object.assign(Object.create(null) as object, { env: 'production' }),
  // A sparse array: index 1 is a hole, not undefined.
  () => Object.assign(new Array<number>(3), { 0: 1, 2: 3 }),
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => ({ version: undefined, env: 'production' }),
  () => JSON.parse('{"__proto__":{"polluted":1}}'),
  () => JSON.parse('{"constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":1}}'),
];

// Arbitraries yield builders, not values: fast-check inspects what it generates (a revoked Proxy
// throws on any inspection), so hostile values are only built inside the property.
type Build = () => unknown;
const builder = (build: Build, label: string): Build =>
  Object.assign(build, { [fc.toStringMethod]: () => label });
const ready = (value: unknown): Build => builder(() => value, fc.stringify(value));

const hostile = fc
  .integer({ min: 0, max: hostileFactories.length - 1 })
  .map((i) => builder(hostileFactories[i]!, `hostileFactories[${i}]()`));
const trickyKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'schema_version',
    'type',
  ),
  fc.string({ maxLength: 8 }),
);
// Objects whose keys can be __proto__ & co. as own properties, as JSON.parse creates them.
const trickyJson = fc
  .dictionary(trickyKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
  .map((o) => JSON.parse(JSON.stringify(o)) as unknown);
const cheapJson = fc.jsonValue({ maxDepth: 2, depthSize: 'small' });
const cheapAnything = fc.anything({
  maxDepth: 2,
  maxKeys: 4,
  key: trickyKey,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});
const anyValue: fc.Arbitrary<Build> = fc.oneof(
  cheapJson.map(ready),
  cheapAnything.map(ready),
  trickyJson.map(ready),
  hostile,
);

type Path = Array<string | number>;

function allPaths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...allPaths(v, [...prefix, i]));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...allPaths(v, [...prefix, k]));
  }
  return out;
}

// Replaces the value at path (or the whole document for the empty path) with defineProperty,
// so a `__proto__` key lands as an own property exactly as JSON.parse would put it.
function setAt(doc: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  let parent = doc as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  Object.defineProperty(parent, path[path.length - 1]!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return doc;
}

// A valid document with one node replaced, or one extra key added, by an arbitrary value.
function mutatedFixture(kind: ContractKind) {
  const bases = validFixtures(kind);
  return fc
    .record({ base: fc.nat(), at: fc.nat(), extraKey: fc.option(trickyKey), value: anyValue })
    .map(({ base, at, extraKey, value }) => {
      // Paths are read from the shared base; each build below mutates its own clone.
      const doc = bases[base % bases.length];
      const paths = allPaths(doc).filter((p) => {
        if (extraKey === null) return true;
        const target = p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], doc);
        return target !== null && typeof target === 'object' && !Array.isArray(target);
      });
      const path = paths[at % paths.length] ?? [];
      const where = extraKey === null ? path : [...path, extraKey];
      return builder(
        () => setAt(structuredClone(doc), where, value()),
        `fixture ${base % bases.length} with ${formatPath(where) || '(document)'} = ${fc.stringify(value)}`,
      );
    });
}

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

// Plain checks instead of expect(): they run 130,000 times, and a thrown Error fails the property the same way.
function assertWellFormed(result: ParseResult<unknown>): void {
  if (typeof result?.ok !== 'boolean') throw new Error(`no ok flag in ${fc.stringify(result)}`);
  if (result.ok) {
    if (!('value' in result)) throw new Error('ok without a value');
    return;
  }
  if (!Array.isArray(result.issues) || result.issues.length === 0) throw new Error('failure without issues');
  for (const issue of result.issues) {
    if (typeof issue.path !== 'string' || typeof issue.code !== 'string') {
      throw new Error(`malformed issue ${fc.stringify(issue)}`);
    }
    if (typeof issue.message !== 'string' || issue.message.trim() === '') {
      throw new Error(`issue without a message ${fc.stringify(issue)}`);
    }
  }
}

function assertPrototypeUntouched(): void {
  const names = Object.getOwnPropertyNames(Object.prototype);
  if (({} as Record<string, unknown>).polluted !== undefined || names.length !== prototypeNames.length) {
    throw new Error(`Object.prototype was changed: ${names.sort().join(', ')}`);
  }
}

function expectPrototypeUntouched() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
}

describe('parseContract on arbitrary input', () => {
  beforeAll(() => fc.configureGlobal({ seed: SEED }));
  afterAll(() => fc.resetConfigureGlobal());

  it.each(CONTRACT_KINDS)(`returns issues and never throws: ${RUNS_PER_KIND} values for %s`, (kind) => {
    const arbitrary = fc.oneof(
      { arbitrary: anyValue, weight: 2 },
      { arbitrary: mutatedFixture(kind), weight: 3 },
    );
    fc.assert(
      fc.property(arbitrary, (build) => {
        // parseContract throwing fails the property, with the input that made it throw.
        assertWellFormed(parseContract(kind, build()));
        assertPrototypeUntouched();
      }),
      { numRuns: RUNS_PER_KIND },
    );
  });

  it('never changes the JSON value it was given', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONTRACT_KINDS), fc.oneof(cheapJson, trickyJson), (kind, input) => {
        const before = JSON.stringify(input);
        parseContract(kind, input);
        expect(JSON.stringify(input)).toBe(before);
      }),
      { numRuns: 2_000 },
    );
  });

  it('answers an unknown kind with an issue', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 1 }), cheapJson, (kind, input) => {
        fc.pre(typeof kind !== 'string' || !(CONTRACT_KINDS as string[]).includes(kind));
        const result = parseContract(kind as ContractKind, input);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues[0]!.code).toBe('unknown_kind');
      }),
      { numRuns: 500 },
    );
  });
});

describe('prototype keys', () => {
  const payloads = [
    '{"__proto__":{"polluted":1}}',
    '{"schema_version":"1.0.0","config":{"__proto__":{"polluted":1}}}',
    '{"metadata":{"environment":"production","__proto__":{"polluted":1}}}',
    '{"services":[{"name":"orders-api","__proto__":{"polluted":1}}]}',
    '[{"__proto__":{"polluted":1}}]',
    '{"a":{"b":{"c":{"__proto__":{"polluted":1}}}}}',
    '{"schema_version":"1.4.0","__proto__":{"polluted":1}}',
  ];

  it.each(payloads)('%s never reaches Object.prototype, whatever the kind', (json) => {
    for (const kind of CONTRACT_KINDS) {
      const result = parseContract(kind, JSON.parse(json));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map((i) => i.code)).toEqual(['forbidden_key']);
      expectPrototypeUntouched();
    }
  });

  it('names the __proto__ key in the issue path', () => {
    const result = parseContract('deployment-manifest', JSON.parse(payloads[1]!));
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['config.__proto__']);
  });

  it('keeps constructor and prototype keys as plain own data inside free-form maps', () => {
    const [manifest] = validFixtures('deployment-manifest') as Array<Record<string, unknown>>;
    const input = {
      ...manifest,
      config: JSON.parse('{"constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":1}}'),
    };
    const result = parseContract('deployment-manifest', input);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const config = result.value.config as Record<string, unknown>;
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(Object.hasOwn(config, 'constructor')).toBe(true);
    expect(config.constructor).toEqual({ prototype: { polluted: 1 } });
    expectPrototypeUntouched();
  });
});

describe('input bounds', () => {
  const only = (result: ParseResult<unknown>) => (result.ok ? [] : result.issues.map((i) => i.code));

  it(`refuses a string over ${DEFAULT_LIMITS.maxBytes} bytes with one too_large issue`, () => {
    for (const kind of CONTRACT_KINDS) {
      const result = parseContract(kind, { release: 'x'.repeat(DEFAULT_LIMITS.maxBytes + 1) });
      expect(only(result)).toEqual(['too_large']);
      if (!result.ok) expect(result.issues[0]!.message).toContain(String(DEFAULT_LIMITS.maxBytes));
    }
  });

  it('refuses many small strings that add up to more than the size bound', () => {
    const notes = Array.from({ length: 20_000 }, (_, i) => `note ${i} `.padEnd(60, '.'));
    expect(only(parseContract('release-report', { notes }))).toEqual(['too_large']);
  });

  it('refuses a huge key without echoing it back', () => {
    const key = 'k'.repeat(DEFAULT_LIMITS.maxBytes + 1);
    const result = parseContract('deployment-manifest', { config: { [key]: 1 } });
    expect(only(result)).toEqual(['too_large']);
    if (!result.ok) expect(result.issues[0]!.path).toBe('config');
  });

  it(`refuses nesting deeper than ${DEFAULT_LIMITS.maxDepth} with one too_deep issue, and accepts the bound itself`, () => {
    const nest = (levels: number) => {
      let value: unknown = 'leaf';
      for (let i = 0; i < levels; i++) value = [value];
      return value;
    };
    for (const kind of CONTRACT_KINDS) {
      expect(only(parseContract(kind, nest(DEFAULT_LIMITS.maxDepth + 1)))).toEqual(['too_deep']);
      expect(only(parseContract(kind, nest(DEFAULT_LIMITS.maxDepth)))).not.toContain('too_deep');
    }
    expect(only(parseContract('canary-plan', nest(100_000)))).toEqual(['too_deep']);
  });

  it(`refuses more than ${DEFAULT_LIMITS.maxNodes} values with one too_large issue, and accepts the bound itself`, () => {
    // The array itself is one value.
    const atBound = new Array<number>(DEFAULT_LIMITS.maxNodes - 1).fill(0);
    const overBound = new Array<number>(DEFAULT_LIMITS.maxNodes).fill(0);
    for (const kind of CONTRACT_KINDS) {
      expect(only(parseContract(kind, atBound))).not.toContain('too_large');
      const result = parseContract(kind, overBound);
      expect(only(result)).toEqual(['too_large']);
      if (!result.ok) expect(result.issues[0]!.message).toContain('100000');
    }
  });

  it('honours tighter limits given by the caller', () => {
    const [plan] = validFixtures('canary-plan');
    expect(parseContract('canary-plan', plan).ok).toBe(true);
    expect(only(parseContract('canary-plan', plan, { limits: { maxDepth: 2 } }))).toEqual(['too_deep']);
    expect(only(parseContract('canary-plan', plan, { limits: { maxNodes: 5 } }))).toEqual(['too_large']);
    expect(only(parseContract('canary-plan', plan, { limits: { maxBytes: 16 } }))).toEqual(['too_large']);
  });

  it('tells a cycle from a value shared twice', () => {
    expect(only(parseContract('deployment-manifest', cyclicObject()))).toEqual(['cycle']);
    const step = { weight: 10, hold: '5m' };
    expect(parseContract('canary-plan', { steps: [step, step, { weight: 100 }] }).ok).toBe(true);
  });

  it('reports what a hostile value is, at its path', () => {
    const [manifest] = validFixtures('deployment-manifest') as Array<Record<string, unknown>>;
    const at = (value: unknown) => {
      const result = parseContract('deployment-manifest', { ...manifest, config: { value } });
      return result.ok ? [] : result.issues.map((i) => [i.path, i.code]);
    };
    expect(at(10n)).toEqual([['config.value', 'invalid_type']]);
    expect(at(Symbol('x'))).toEqual([['config.value', 'invalid_type']]);
    expect(at(() => 1)).toEqual([['config.value', 'invalid_type']]);
    expect(at(Number.NaN)).toEqual([['config.value', 'invalid_type']]);
    expect(at(new Deployment())).toEqual([['config.value', 'invalid_type']]);
    expect(at(throwingGetter())).toEqual([['config.value.version', 'unreadable']]);
    expect(at(revokedProxy())).toEqual([['config.value', 'unreadable']]);
    expect(at(bottomlessProxy())[0]?.[1]).toBe('too_deep');
  });

  it('reads a Date as its RFC 3339 string and an undefined field as absent', () => {
    const result = parseContract('build-metadata', {
      git_sha: '3c0d43e',
      git_ref: 'refs/tags/v1.4.0',
      artifact_registry: 'ghcr.io/acme',
      timestamp: new Date(Date.UTC(2025, 9, 2, 11, 40, 12)),
      schema_version: undefined,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.timestamp).toBe('2025-10-02T11:40:12.000Z');
    expect('schema_version' in result.value).toBe(false);
  });
});

// ---- One required field of a valid document set to a value of the wrong JSON type. ----

type JsonSchemaNode = Record<string, unknown>;

const jsonTypeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function allowedTypes(node: JsonSchemaNode): Set<string> {
  const out = new Set<string>();
  const add = (t: unknown) => {
    for (const name of Array.isArray(t) ? t : [t]) out.add(name === 'integer' ? 'number' : String(name));
  };
  if (node.type !== undefined) add(node.type);
  if ('const' in node) out.add(jsonTypeOf(node.const));
  for (const key of ['anyOf', 'oneOf'] as const) {
    for (const branch of (node[key] as JsonSchemaNode[] | undefined) ?? []) {
      for (const t of allowedTypes(branch)) out.add(t);
    }
  }
  return out;
}

// The branch of a discriminated oneOf whose `const` properties the value carries.
function branchFor(node: JsonSchemaNode, value: Record<string, unknown>): JsonSchemaNode | undefined {
  return (node.oneOf as JsonSchemaNode[]).find((branch) =>
    Object.entries((branch.properties as Record<string, JsonSchemaNode>) ?? {}).every(
      ([k, p]) => !('const' in p) || value[k] === p.const,
    ),
  );
}

// Every required field present in the document, with the JSON types its schema allows.
function requiredFields(
  node: JsonSchemaNode,
  value: unknown,
  path: Path = [],
): Array<{ path: Path; allowed: Set<string> }> {
  const out: Array<{ path: Path; allowed: Set<string> }> = [];
  if (Array.isArray(value) && node.items) {
    for (const [i, item] of value.entries()) {
      out.push(...requiredFields(node.items as JsonSchemaNode, item, [...path, i]));
    }
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  const record = value as Record<string, unknown>;
  if (node.oneOf) {
    const branch = branchFor(node, record);
    return branch ? requiredFields(branch, value, path) : out;
  }
  const properties = (node.properties as Record<string, JsonSchemaNode> | undefined) ?? {};
  for (const key of (node.required as string[] | undefined) ?? []) {
    if (!(key in record) || !properties[key]) continue;
    out.push({ path: [...path, key], allowed: allowedTypes(properties[key]) });
  }
  for (const [key, child] of Object.entries(properties)) {
    if (key in record) out.push(...requiredFields(child, record[key], [...path, key]));
  }
  return out;
}

const WRONG_VALUES: unknown[] = [true, 'not-the-right-type', 12.5, null, [], {}];

describe('a required field of the wrong type', () => {
  const schemas = toJSONSchemas();

  it.each(CONTRACT_KINDS)('is reported at exactly that path, for every required field of %s', (kind) => {
    const cases = validFixtures(kind).flatMap((doc) =>
      requiredFields(schemas[kind], doc).flatMap(({ path, allowed }) =>
        WRONG_VALUES.filter((w) => !allowed.has(jsonTypeOf(w))).map((wrong) => ({ doc, path, wrong })),
      ),
    );
    expect(cases.length).toBeGreaterThan(0);
    // The whole finite domain is checked: every required field of every valid fixture, every wrong type.
    for (const { doc, path, wrong } of cases) {
      const result = parseContract(kind, setAt(structuredClone(doc), path, wrong));
      const where = `${formatPath(path)} = ${JSON.stringify(wrong)}`;
      expect(result.ok, where).toBe(false);
      if (!result.ok)
        expect(
          result.issues.map((i) => i.path),
          where,
        ).toEqual([formatPath(path)]);
    }
  });
});
