import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { ROOT } from '../testing/paths.js';
import { runCli } from './program.js';

const policy = `${ROOT}packages/contract/schemas/gate-policy.schema.json`;

async function schemas(oldSchema: unknown, newSchema: unknown) {
  const dir = await mkdtemp(join(tmpdir(), 'rollgate-compat-'));
  await writeFile(join(dir, 'old.json'), JSON.stringify(oldSchema));
  await writeFile(join(dir, 'new.json'), JSON.stringify(newSchema));
  return dir;
}

async function compat(dir: string, ...args: string[]) {
  const io = memoryIo({ cwd: dir });
  const code = await runCli(['compat', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('rollgate compat', () => {
  it('exits 0 for a schema against itself', async () => {
    const { code, out } = await compat(ROOT, policy, policy);
    expect(code).toBe(0);
    expect(out).toBe(`FULL compatible (full): ${policy} → ${policy}\n`);
  });

  it('lists each change with its path; exit follows the mode asked', async () => {
    const dir = await schemas(
      { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
      {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'integer' } },
        additionalProperties: false,
      },
    );
    const full = await compat(dir, 'old.json', 'new.json');
    expect(full.code).toBe(1);
    expect(full.out).toBe(
      'BACKWARD not compatible (full): old.json → new.json\n' +
        '  ✗ $.b  field_added: "b" added to an object old readers keep closed (breaks forward)\n',
    );
    expect((await compat(dir, 'old.json', 'new.json', '--mode', 'backward')).code).toBe(0);
    const json = await compat(dir, 'old.json', 'new.json', '--mode', 'forward', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ mode: 'forward', compatible: false, level: 'BACKWARD' });
  });

  it('exits 2 on an unreadable file or an unknown mode, in one line', async () => {
    const missing = await compat(ROOT, 'nope.json', policy);
    expect(missing).toMatchObject({ code: 2, err: 'rollgate compat: nope.json: file not found\n' });
    const mode = await compat(ROOT, policy, policy, '--mode', 'sideways');
    expect(mode.code).toBe(2);
    expect(mode.err).toBe('rollgate compat: --mode: expected backward, forward or full, got "sideways"\n');
  });

  it('exits 2 for a document given in place of a schema, and takes a boolean schema', async () => {
    const manifest = `${ROOT}examples/demo/documents/release-manifest.json`;
    const wrong = await compat(ROOT, policy, manifest);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(
      new RegExp(`^rollgate compat: ${manifest}: not a JSON Schema: its root has none of`),
    );
    const dir = await schemas(true, { type: 'object' });
    expect((await compat(dir, 'old.json', 'new.json', '--mode', 'backward')).code).toBe(1);
  });
});
