import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SCHEMA_ID_BASE, toJSONSchemas } from './json-schema.js';
import { CONTRACT_KINDS, type ContractKind, isContractKind } from './kinds.js';
import { type ParseOptions, parseContract } from './parse/parse-contract.js';
import { SCHEMA_VERSION } from './primitives/schemas.js';

const PACKAGE = fileURLToPath(new URL('../', import.meta.url));
const SCHEMAS = join(PACKAGE, 'schemas');
const FIXTURES = join(PACKAGE, 'fixtures', `v${SCHEMA_VERSION}`);
const SCRIPT = pathToFileURL(join(PACKAGE, '..', '..', 'scripts', 'write-json-schemas.mjs')).href;
const REGENERATE =
  'run `pnpm --filter @rollgate/contract build && pnpm --filter @rollgate/contract schemas` and commit packages/contract/schemas';

type Verdict = 'accept' | 'reject';

/** One way the JSON Schemas judge a document differently from parseContract, with evidence. */
interface SchemaDifference {
  /** Stable id. */
  id: string;
  /** The README bullet starts with this text. */
  title: string;
  /** Fixtures (`<kind>/<valid|invalid>/<file>`) whose verdicts differ because of this, and only this. */
  fixtures: string[];
  /** A minimal document showing the difference. */
  example: {
    kind: ContractKind;
    document: unknown;
    options?: ParseOptions;
    zod: Verdict;
    jsonSchema: Verdict;
  };
}

const canary = (extra: Record<string, unknown>) => ({
  schema_version: '1.0.0',
  steps: [{ weight: 10, hold: '5m' }, { weight: 100 }],
  ...extra,
});

/**
 * Every known difference between parseContract and the committed JSON Schemas. The README's section
 * "Differences between zod and the JSON Schemas" lists the same titles; the tests below keep both honest.
 */
const SCHEMA_DIFFERENCES: SchemaDifference[] = [
  {
    id: 'calendar-dates',
    title: 'Timestamps on days that do not exist',
    fixtures: ['release-report/invalid/february-30.json'],
    example: {
      kind: 'build-metadata',
      document: {
        git_sha: '3c0d43e',
        git_ref: 'refs/tags/v1.4.0',
        artifact_registry: 'ghcr.io/acme',
        timestamp: '2025-02-29T10:00:00+08:00',
      },
      zod: 'reject',
      jsonSchema: 'accept',
    },
  },
  {
    id: 'canary-weights',
    title: 'Canary step weights that decrease',
    fixtures: ['canary-plan/invalid/decreasing-weights.yaml'],
    example: {
      kind: 'canary-plan',
      document: { steps: [{ weight: 50 }, { weight: 10 }] },
      zod: 'reject',
      jsonSchema: 'accept',
    },
  },
  {
    id: 'rule-cross-field',
    title: 'Rollback-rule checks across fields',
    fixtures: ['rollback-rules/invalid/cross-field.yaml'],
    example: {
      kind: 'rollback-rules',
      document: {
        rules: [
          { id: 'error-rate', kind: 'threshold', metric: 'errors', op: '>', value: 0.02 },
          { id: 'error-rate', kind: 'threshold', metric: 'errors', op: '>', value: 0.05 },
        ],
      },
      zod: 'reject',
      jsonSchema: 'accept',
    },
  },
  {
    id: 'query-variables',
    title: 'Query placeholders and the variables a metric-queries document declares',
    fixtures: ['metric-queries/invalid/undeclared-variables.yaml'],
    example: {
      kind: 'metric-queries',
      document: { queries: { errors: { canary: 'sum(rate(errors_total{service="{{service}}"}[1m]))' } } },
      zod: 'reject',
      jsonSchema: 'accept',
    },
  },
  {
    id: 'newer-minor',
    title: 'Unknown fields of a newer minor version',
    fixtures: ['deployment-manifest/valid/newer-minor.json', 'release-manifest/valid/newer-minor.json'],
    example: {
      kind: 'canary-plan',
      document: canary({ schema_version: '1.3.0', max_surge: 2 }),
      zod: 'accept',
      jsonSchema: 'reject',
    },
  },
  {
    id: 'input-bounds',
    title: "The parser's input bounds",
    fixtures: [
      'deployment-manifest/invalid/proto-in-config.json',
      'deployment-manifest/invalid/too-deep-config.json',
    ],
    example: {
      kind: 'release-manifest',
      document: JSON.parse(
        readFileSync(join(FIXTURES, 'release-manifest/valid/runbook-example.json'), 'utf8').replace(
          '"environment": "production"',
          '"environment": "production", "__proto__": { "polluted": true }',
        ),
      ),
      zod: 'reject',
      jsonSchema: 'accept',
    },
  },
  {
    id: 'observability-profile',
    title: 'The observability profile',
    fixtures: [],
    example: {
      kind: 'telemetry-event',
      document: {
        type: 'health.ok',
        correlation_id: 'c0ffee-2025-10-02-orders-api',
        environment: 'production',
        version: '1.4.0',
        timestamp: '2025-10-02T12:03:42Z',
        service: 'orders-api',
        status: 'ok',
      },
      options: { profile: 'observability' },
      zod: 'reject',
      jsonSchema: 'accept',
    },
  },
];

interface SchemaScript {
  renderSchemaFiles(schemas: Record<string, unknown>, schemaVersion: string): Record<string, string>;
}

function committedSchemas(): Record<ContractKind, Record<string, unknown>> {
  const out = {} as Record<ContractKind, Record<string, unknown>>;
  for (const kind of CONTRACT_KINDS) {
    out[kind] = JSON.parse(readFileSync(join(SCHEMAS, `${kind}.schema.json`), 'utf8')) as Record<
      string,
      unknown
    >;
  }
  return out;
}

function compileAll() {
  // Strict, with no allowUnionTypes: other tools reuse these schemas with strict validators.
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const schemas = committedSchemas();
  for (const kind of CONTRACT_KINDS) ajv.addSchema(schemas[kind]);
  return (kind: ContractKind) => {
    const validate = ajv.getSchema(`${SCHEMA_ID_BASE}${kind}.schema.json`);
    if (!validate) throw new Error(`no compiled schema for ${kind}`);
    return validate;
  };
}

function fixtureDocuments(): { id: string; kind: ContractKind; value: unknown }[] {
  const out: { id: string; kind: ContractKind; value: unknown }[] = [];
  for (const kind of readdirSync(FIXTURES).filter(isContractKind)) {
    for (const verdict of ['valid', 'invalid']) {
      for (const name of readdirSync(join(FIXTURES, kind, verdict))) {
        if (name.endsWith('.expected.json') || !/\.(json|yaml)$/.test(name)) continue;
        const text = readFileSync(join(FIXTURES, kind, verdict, name), 'utf8');
        out.push({
          id: `${kind}/${verdict}/${name}`,
          kind,
          value: name.endsWith('.json') ? JSON.parse(text) : parseYaml(text),
        });
      }
    }
  }
  return out;
}

describe('committed JSON Schemas', () => {
  it('match toJSONSchemas() exactly', async () => {
    const script = (await import(SCRIPT)) as SchemaScript;
    const expected = script.renderSchemaFiles(toJSONSchemas(), SCHEMA_VERSION);
    const onDisk = readdirSync(SCHEMAS).filter((f) => f.endsWith('.json'));
    expect(onDisk.sort(), `schema files are stale: ${REGENERATE}`).toEqual(Object.keys(expected).sort());
    for (const [file, text] of Object.entries(expected)) {
      expect(readFileSync(join(SCHEMAS, file), 'utf8'), `schemas/${file} is stale: ${REGENERATE}`).toBe(text);
    }
  });

  it('are draft 2020-12 documents with a stable $id per kind', () => {
    const schemas = committedSchemas();
    for (const kind of CONTRACT_KINDS) {
      expect(schemas[kind].$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schemas[kind].$id).toBe(`https://rollgate.dev/schemas/${SCHEMA_VERSION}/${kind}.schema.json`);
    }
  });

  it('compile under ajv 2020 in strict mode', () => {
    const schemaFor = compileAll();
    for (const kind of CONTRACT_KINDS) expect(typeof schemaFor(kind)).toBe('function');
  });
});

describe('ajv and parseContract agree on every fixture', () => {
  const schemaFor = compileAll();
  const documented = new Set(SCHEMA_DIFFERENCES.flatMap((d) => d.fixtures));

  it.each(fixtureDocuments().map((f) => [f.id, f] as const))('%s', (_, fixture) => {
    const zod: Verdict = parseContract(fixture.kind, fixture.value).ok ? 'accept' : 'reject';
    const validate = schemaFor(fixture.kind);
    const ajv: Verdict = validate(fixture.value) ? 'accept' : 'reject';
    if (documented.has(fixture.id)) {
      // Listed as a known difference: it must really differ, or the list is out of date.
      expect(ajv, `${fixture.id} is listed in SCHEMA_DIFFERENCES but ajv agrees with zod`).not.toBe(zod);
    } else {
      expect(ajv, `${fixture.id}: ajv ${ajv}s, zod ${zod}s (${JSON.stringify(validate.errors)})`).toBe(zod);
    }
  });
});

describe('documented differences between zod and the JSON Schemas', () => {
  const schemaFor = compileAll();

  it.each(SCHEMA_DIFFERENCES.map((d) => [d.id, d] as const))('%s behaves as documented', (_, difference) => {
    const { kind, document, options, zod, jsonSchema } = difference.example;
    expect(parseContract(kind, document, options).ok ? 'accept' : 'reject').toBe(zod);
    expect(schemaFor(kind)(document) ? 'accept' : 'reject').toBe(jsonSchema);
  });

  it('are all listed in the package README', () => {
    const readme = readFileSync(join(PACKAGE, 'README.md'), 'utf8');
    const section = readme.split('## Differences between zod and the JSON Schemas')[1]?.split(/\n## /)[0];
    expect(section, 'README.md needs a "Differences between zod and the JSON Schemas" section').toBeDefined();
    for (const difference of SCHEMA_DIFFERENCES) {
      expect(section, `README does not list "${difference.title}"`).toContain(`**${difference.title}**`);
    }
    const bullets = section?.match(/^- \*\*/gm) ?? [];
    expect(bullets.length, 'README lists a difference the tests do not know').toBe(SCHEMA_DIFFERENCES.length);
  });
});
