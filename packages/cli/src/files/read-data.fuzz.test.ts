// The file reader and kind detection take whatever is on disk: arbitrary bytes, any name, any document. They
// never throw, and what they cannot use becomes exit 2 with one line naming the file.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACT_KINDS } from '@rollgate/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../commands/program.js';
import { validateFile } from '../commands/validate.js';
import { memoryIo } from '../testing/memory-io.js';
import { detectKind, normaliseKind } from './detect-kind.js';
import { parseDataText } from './read-data.js';

const dir = await mkdtemp(join(tmpdir(), 'rollgate-fuzz-'));
const names = fc.oneof(
  fc.constantFrom(...CONTRACT_KINDS).map((k) => `${k.replace(/-/g, '_')}.yaml`),
  fc.constantFrom(
    'notes.yaml',
    'x.json',
    'release-manifest.json',
    'rollback_rules.yml',
    '.hidden',
    'release_report.md',
  ),
  fc.stringMatching(/^[A-Za-z0-9_.-]{1,24}$/),
);
const texts = fc.oneof(
  fc.string(),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.constantFrom('a: &a [*a]', '{"kind": "GatePolicy"}', 'kind: 42', '- - - -', '\u0000\uFFFF', '{'),
);

describe('reading and kind detection (fuzzed)', () => {
  it('parseDataText never throws and always returns data or one syntax (Markdown: or front-matter) issue', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          texts,
          texts.map((t) => `---\n${t}\n---\n# notes\n`),
        ),
        fc.constantFrom('json' as const, 'yaml' as const, 'markdown' as const),
        async (text, format) => {
          const result = await parseDataText(text, 'f', format);
          if (!result.ok) {
            expect(result.issues).toHaveLength(1);
            const code =
              format === 'markdown' ? expect.stringMatching(/^(syntax|front_matter_missing)$/) : 'syntax';
            expect(result.issues[0]).toMatchObject({ code, path: '', file: 'f' });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('detectKind never throws, and a kind it returns is always a known one', () => {
    fc.assert(
      fc.property(names, fc.anything(), fc.option(fc.string(), { nil: undefined }), (name, doc, flag) => {
        const detected = detectKind(name, doc, CONTRACT_KINDS, flag);
        if (detected.ok) expect(CONTRACT_KINDS).toContain(detected.kind);
        else expect(detected.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('normaliseKind is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normaliseKind(normaliseKind(s))).toBe(normaliseKind(s));
      }),
    );
  });

  it('validate of any file never throws: exit 0, 1 or 2, and 2 always says why in one line per issue', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(names, texts, async (name, text) => {
        const file = join(dir, `${n++}-${name}`);
        await writeFile(file, text);
        const verdict = await validateFile(file, dir);
        expect(['valid', 'invalid', 'unreadable']).toContain(verdict.status);
        const io = memoryIo({ cwd: dir });
        const code = await runCli(['validate', file], io);
        expect([0, 1, 2]).toContain(code);
        if (code === 2) {
          expect(io.err()).toMatch(/^rollgate validate: .+: .+/);
          expect(io.err()).not.toMatch(/\n\s+at /);
        }
      }),
      { numRuns: 120 },
    );
  });
});
