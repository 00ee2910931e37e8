// The lazy entry is the registry by another road: the same kinds in the same order, the very same schema objects,
// and parseContract's result for every golden fixture, valid or invalid.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CONTRACT_KINDS, CONTRACT_SCHEMAS, isContractKind, OBSERVABILITY_SCHEMAS } from './kinds.js';
import { CONTRACT_KIND_NAMES, isContractKindName, loadContractSchema, parseContractLazy } from './lazy.js';
import { parseContract } from './parse/parse-contract.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

function documents(): Array<{ kind: string; file: string }> {
  const out: Array<{ kind: string; file: string }> = [];
  for (const version of readdirSync(FIXTURES).filter((d) => /^v\d+\.\d+\.\d+$/.test(d)))
    for (const kind of readdirSync(join(FIXTURES, version)))
      for (const verdict of ['valid', 'invalid'])
        for (const name of readdirSync(join(FIXTURES, version, kind, verdict)).filter(
          (n) => /\.(json|yaml)$/.test(n) && !n.endsWith('.expected.json'),
        ))
          out.push({ kind, file: join(FIXTURES, version, kind, verdict, name) });
  return out;
}

describe('@rollgate/contract/lazy', () => {
  it('names every kind of CONTRACT_KINDS, in its order', () => {
    expect([...CONTRACT_KIND_NAMES]).toEqual(CONTRACT_KINDS);
    for (const value of [...CONTRACT_KINDS, 'nope', '__proto__', 'toString', 1, null])
      expect(isContractKindName(value)).toBe(isContractKind(value));
  });

  it('loads the very schema objects of CONTRACT_SCHEMAS and OBSERVABILITY_SCHEMAS', async () => {
    for (const kind of CONTRACT_KINDS) {
      expect(await loadContractSchema(kind)).toBe(CONTRACT_SCHEMAS[kind]);
      expect(await loadContractSchema(kind, 'observability')).toBe(
        OBSERVABILITY_SCHEMAS[kind] ?? CONTRACT_SCHEMAS[kind],
      );
    }
  });

  it('gives parseContract’s result for every golden fixture, and for an unknown kind', async () => {
    const all = documents();
    expect(all.length).toBeGreaterThan(50);
    for (const { kind, file } of all) {
      const text = readFileSync(file, 'utf8');
      const input: unknown = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
      if (!isContractKind(kind)) throw new Error(`${file}: ${kind} is not a kind`);
      expect(await parseContractLazy(kind, input), file).toEqual(parseContract(kind, input));
      const observability = { profile: 'observability' } as const;
      expect(await parseContractLazy(kind, input, observability), file).toEqual(
        parseContract(kind, input, observability),
      );
    }
    const unknown = 'nope' as (typeof CONTRACT_KINDS)[number];
    expect(await parseContractLazy(unknown, {})).toEqual(parseContract(unknown, {}));
    const misspelt = { limts: { maxBytes: 10 } } as Parameters<typeof parseContract>[2];
    const refused = parseContract('canary-plan', {}, misspelt);
    expect(refused.ok).toBe(false);
    expect(await parseContractLazy('canary-plan', {}, misspelt)).toEqual(refused);
  });
});
