import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACT_KINDS, toJSONSchemas } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { runCli } from './program.js';

// The committed files are toJSONSchemas() as two-space JSON (the contract's json-schema test keeps them equal).
const schemaText = (kind: (typeof CONTRACT_KINDS)[number]) =>
  `${JSON.stringify(toJSONSchemas()[kind], null, 2)}\n`;

describe('rollgate schema', () => {
  it('--out writes every schema as the committed files are written, and the index', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollgate-schema-'));
    const io = memoryIo();
    expect(await runCli(['schema', '--out', dir], io)).toBe(0);
    expect(io.out()).toBe(`wrote ${CONTRACT_KINDS.length + 1} files to ${dir}\n`);
    const written = (await readdir(dir)).sort();
    expect(written).toEqual([...CONTRACT_KINDS.map((k) => `${k}.schema.json`), 'index.json'].sort());
    for (const kind of CONTRACT_KINDS)
      expect(await readFile(join(dir, `${kind}.schema.json`), 'utf8')).toBe(schemaText(kind));
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
    expect(index.schemas.map((s: { kind: string }) => s.kind)).toEqual(CONTRACT_KINDS);
  });

  it('--kind prints one schema, as committed', async () => {
    const io = memoryIo();
    expect(await runCli(['schema', '--kind', 'rollback_rules'], io)).toBe(0);
    expect(io.out()).toBe(schemaText('rollback-rules'));
  });

  it('lists the kinds without flags and prints them all keyed by kind with --json', async () => {
    const list = memoryIo();
    expect(await runCli(['schema'], list)).toBe(0);
    for (const kind of CONTRACT_KINDS) expect(list.out()).toContain(`  ${kind}`);
    const json = memoryIo();
    expect(await runCli(['schema', '--json'], json)).toBe(0);
    expect(Object.keys(JSON.parse(json.out()))).toEqual(CONTRACT_KINDS);
  });

  it('exits 2 with one line for an unknown kind', async () => {
    const io = memoryIo();
    expect(await runCli(['schema', '--kind', 'nope'], io)).toBe(2);
    expect(io.err()).toMatch(
      /^rollgate schema: --kind: unknown kind "nope"; expected one of deployment-manifest, /,
    );
    expect(io.err().trimEnd().split('\n')).toHaveLength(1);
  });

  it('exits 2 with one line, and does not hang, for a directory that cannot be made (procfs)', async () => {
    const io = memoryIo();
    expect(await runCli(['schema', '--out', '/proc/rollgate-no-such'], io)).toBe(2);
    expect(io.err()).toMatch(/^rollgate schema: \/proc\/rollgate-no-such: cannot write: ENOENT/);
  });
});
