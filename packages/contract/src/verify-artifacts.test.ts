import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReleaseManifest } from './documents/release.js';
import { loadContract } from './files.js';
import { verifyArtifacts } from './verify-artifacts.js';

// The golden runbook manifest pins these exact bytes (see fixtures/v1.0.0/release-manifest/valid).
const RUNBOOK = new URL('../fixtures/v1.0.0/release-manifest/valid/runbook-example.json', import.meta.url);
const CONTENT: Record<string, string> = {
  'service-api': 'service-api@1.4.0\n',
  'prompt-pack': 'prompt-pack@2025.10.02\n',
};
const sha256 = (text: string | Uint8Array) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

let dir: string;
let manifest: ReleaseManifest;
const fileOf = (artifact: { name: string }) => join(dir, `${artifact.name}.tar`);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rollgate-artifacts-'));
  for (const [name, text] of Object.entries(CONTENT)) await writeFile(join(dir, `${name}.tar`), text);
  const loaded = await loadContract('release-manifest', fileURLToPath(RUNBOOK));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  manifest = loaded.value;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('verifyArtifacts', () => {
  it('confirms every artifact of the runbook manifest from real files', async () => {
    const result = await verifyArtifacts(manifest, (artifact) => readFile(fileOf(artifact)));
    expect(result).toEqual({ ok: true, checked: 2, mismatches: [] });
  });

  it('reports every mismatch, not just the first', async () => {
    await writeFile(fileOf({ name: 'service-api' }), 'service-api@1.4.0 (rebuilt)\n');
    await writeFile(fileOf({ name: 'prompt-pack' }), 'prompt-pack@2025.10.03\n');
    const result = await verifyArtifacts(manifest, (artifact) => readFile(fileOf(artifact)));
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(2);
    expect(result.mismatches).toEqual([
      expect.objectContaining({
        index: 0,
        name: 'service-api',
        expected: manifest.artifacts[0]!.hash,
        actual: sha256('service-api@1.4.0 (rebuilt)\n'),
      }),
      expect.objectContaining({
        index: 1,
        name: 'prompt-pack',
        expected: manifest.artifacts[1]!.hash,
        actual: sha256('prompt-pack@2025.10.03\n'),
      }),
    ]);
    for (const mismatch of result.mismatches) expect(mismatch.message).toContain(mismatch.expected);
  });

  it('marks an artifact whose reader throws as failed and still checks the others', async () => {
    await rm(fileOf({ name: 'service-api' }));
    const result = await verifyArtifacts(manifest, (artifact) => readFile(fileOf(artifact)));
    expect(result.ok).toBe(false);
    expect(result.mismatches).toHaveLength(1);
    expect(result.mismatches[0]).toMatchObject({ index: 0, name: 'service-api' });
    expect(result.mismatches[0]!.actual).toBeUndefined();
    expect(result.mismatches[0]!.message).toMatch(/could not read artifact: .*ENOENT/);
  });

  it('survives a reader that throws synchronously or rejects with a non-Error', async () => {
    const result = await verifyArtifacts(manifest, (artifact) => {
      if (artifact.name === 'service-api') throw new Error('registry unreachable');
      return Promise.reject('quota exceeded');
    });
    expect(result.mismatches.map((m) => m.message)).toEqual([
      'could not read artifact: registry unreachable',
      'could not read artifact: quota exceeded',
    ]);
  });

  it('hashes streamed chunks (AsyncIterable) the same as whole buffers', async () => {
    const large = Buffer.alloc(3 * 1024 * 1024 + 17, 'rollgate');
    await writeFile(fileOf({ name: 'service-api' }), large);
    const streamed = {
      artifacts: [{ name: 'service-api', version: '1.4.0', hash: sha256(large) }, manifest.artifacts[1]!],
    };
    const chunkSizes: number[] = [];
    const result = await verifyArtifacts(streamed, (artifact) => {
      const stream = createReadStream(fileOf(artifact), { highWaterMark: 64 * 1024 });
      stream.on('data', (chunk) => chunkSizes.push(chunk.length));
      return stream;
    });
    expect(result).toEqual({ ok: true, checked: 2, mismatches: [] });
    expect(chunkSizes.length).toBeGreaterThan(10);
  });

  it('reports a stream that fails half way', async () => {
    async function* broken(): AsyncIterable<Uint8Array> {
      yield new TextEncoder().encode('service-api@');
      throw new Error('connection reset');
    }
    const result = await verifyArtifacts(manifest, (artifact) =>
      artifact.name === 'service-api' ? broken() : readFile(fileOf(artifact)),
    );
    expect(result.mismatches).toHaveLength(1);
    expect(result.mismatches[0]!.message).toBe('could not read artifact: connection reset');
  });

  it('accepts generator chunks that add up to the artifact', async () => {
    async function* chunks(text: string): AsyncIterable<Uint8Array> {
      for (const char of text) yield new TextEncoder().encode(char);
    }
    const result = await verifyArtifacts(manifest, (artifact) => chunks(CONTENT[artifact.name]!));
    expect(result.ok).toBe(true);
  });
});
