import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContract, parseContractText } from './files.js';
import { DEFAULT_LIMITS } from './parse/limits.js';

let dir: string;
const write = async (name: string, text: string) => {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rollgate-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CANARY_YAML = 'schema_version: 1.0.0\nsteps: [{ weight: 10, hold: 5m }, { weight: 100 }]\n';

describe('loadContract', () => {
  it('reads a YAML file', async () => {
    const result = await loadContract('canary-plan', await write('canary.yaml', CANARY_YAML));
    expect(result).toEqual({
      ok: true,
      value: { schema_version: '1.0.0', steps: [{ weight: 10, hold: '5m' }, { weight: 100 }] },
    });
  });

  it('reads a JSON file as JSON', async () => {
    const file = await write('canary.json', JSON.stringify({ steps: [{ weight: 100 }] }));
    expect((await loadContract('canary-plan', file)).ok).toBe(true);
    const yamlInJson = await write('not-json.json', CANARY_YAML);
    const result = await loadContract('canary-plan', yamlInJson);
    expect(result.ok ? [] : result.issues.map((i) => [i.code, i.file])).toEqual([['syntax', yamlInJson]]);
    if (!result.ok) expect(result.issues[0]!.message).toMatch(/^JSON: /);
  });

  it('reads any other extension as YAML, unless told the format', async () => {
    const text = await write('canary.txt', JSON.stringify({ steps: [{ weight: 100 }] }));
    expect((await loadContract('canary-plan', text)).ok).toBe(true);
    expect((await loadContract('canary-plan', text, { format: 'json' })).ok).toBe(true);
    const yaml = await write('canary.conf', CANARY_YAML);
    expect((await loadContract('canary-plan', yaml, { format: 'json' })).ok).toBe(false);
  });

  it('reports a missing file as an issue naming it', async () => {
    const file = join(dir, 'deploy', 'deployment_manifest.yaml');
    expect(await loadContract('deployment-manifest', file)).toEqual({
      ok: false,
      issues: [{ path: '', code: 'unreadable', message: 'file not found', file }],
    });
  });

  it('reports a directory as not a file', async () => {
    const result = await loadContract('deployment-manifest', dir);
    expect(result.ok ? [] : result.issues.map((i) => [i.code, i.file])).toEqual([['not_a_file', dir]]);
  });

  it.each([
    ['an unclosed flow sequence', 'steps: [ { weight: 10 }\n', /line 2/],
    ['a duplicated key', 'steps: []\nsteps: []\n', /unique/],
    ['tab indentation', 'steps:\n\t- weight: 10\n', /line 2/],
    ['two documents in one file', 'steps: [{ weight: 10 }]\n---\nsteps: []\n', /multiple documents/],
  ])('reports a YAML syntax error (%s) with the file named', async (_, text, pattern) => {
    const file = await write('broken.yaml', text);
    const result = await loadContract('canary-plan', file);
    if (result.ok) throw new Error('parsed');
    expect(result.issues.length).toBeGreaterThan(0);
    for (const issue of result.issues) {
      expect(issue).toMatchObject({ path: '', code: 'syntax', file });
      expect(issue.message).toMatch(/^YAML: /);
    }
    expect(result.issues.map((i) => i.message).join('\n')).toMatch(pattern);
  });

  it('refuses a YAML alias bomb instead of expanding it', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [from, to] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
    ]) {
      levels.push(`${to}: &${to} [${Array.from({ length: 10 }, () => `*${from}`).join(', ')}]`);
    }
    const file = await write('bomb.yaml', `${levels.join('\n')}\n`);
    const result = await loadContract('canary-plan', file);
    expect(result.ok ? [] : result.issues.map((i) => [i.code, i.file])).toEqual([['syntax', file]]);
  });

  it('refuses a file over the size bound without reading it', async () => {
    const file = join(dir, 'huge.json');
    await writeFile(file, '');
    await truncate(file, DEFAULT_LIMITS.maxBytes + 1);
    const result = await loadContract('release-manifest', file);
    expect(result.ok ? [] : result.issues.map((i) => [i.path, i.code, i.file])).toEqual([
      ['', 'too_large', file],
    ]);
    if (!result.ok) expect(result.issues[0]!.message).toContain(String(DEFAULT_LIMITS.maxBytes));
  });

  it('honours a smaller size bound', async () => {
    const file = await write('canary.yaml', CANARY_YAML);
    const result = await loadContract('canary-plan', file, { limits: { maxBytes: 16 } });
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual(['too_large']);
  });

  it('names the file in every schema issue', async () => {
    const file = await write('canary.yaml', 'steps: [{ weight: 150, hold: 5 min }]\n');
    const result = await loadContract('canary-plan', file);
    if (result.ok) throw new Error('parsed');
    expect(result.issues.map((i) => [i.path, i.file])).toEqual([
      ['steps[0].weight', file],
      ['steps[0].hold', file],
    ]);
  });

  it('refuses a __proto__ key in YAML without polluting Object.prototype', async () => {
    const file = await write('proto.yaml', '__proto__: { polluted: 1 }\nsteps: [{ weight: 10 }]\n');
    const result = await loadContract('canary-plan', file);
    expect(result.ok ? [] : result.issues.map((i) => [i.path, i.code])).toEqual([
      ['__proto__', 'forbidden_key'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports an empty file as a missing document', async () => {
    const result = await loadContract('canary-plan', await write('empty.yaml', ''));
    expect(result.ok ? [] : result.issues.map((i) => [i.path, i.code])).toEqual([['', 'invalid_type']]);
  });

  it('applies the observability profile when asked', async () => {
    const event = {
      type: 'health.ok',
      correlation_id: 'c0ffee',
      environment: 'production',
      version: '1.4.0',
      timestamp: '2025-10-02T12:03:42Z',
      service: 'orders-api',
      status: 'ok',
    };
    const file = await write('event.json', JSON.stringify(event));
    expect((await loadContract('telemetry-event', file)).ok).toBe(true);
    const strict = await loadContract('telemetry-event', file, { profile: 'observability' });
    expect(strict.ok ? [] : strict.issues.map((i) => i.path)).toEqual(['timestamp']);
  });
});

describe('parseContractText', () => {
  it('parses text with the same result shape, naming the file only when given one', () => {
    expect(parseContractText('canary-plan', CANARY_YAML).ok).toBe(true);
    const anonymous = parseContractText('canary-plan', 'steps: []\n');
    expect(anonymous.ok ? [] : anonymous.issues.map((i) => 'file' in i)).toEqual([false]);
    const named = parseContractText('canary-plan', 'steps: []\n', { file: 'canary.yaml' });
    expect(named.ok ? [] : named.issues.map((i) => i.file)).toEqual(['canary.yaml']);
  });

  it('refuses text over the size bound before parsing it', () => {
    const result = parseContractText('canary-plan', 'x'.repeat(DEFAULT_LIMITS.maxBytes + 1));
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual(['too_large']);
  });
});
