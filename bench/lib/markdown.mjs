import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Path of the repository's BENCHMARKS.md. */
export const BENCHMARKS_PATH = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));

const INTRO = `# Benchmarks

Figures measured by the scripts in [bench/](bench/README.md) with \`pnpm bench\`, against the built packages and
the real peer packages, in the same run on the same machine. Each section names its machine and date; read the
baseline columns before comparing absolute numbers between sections or machines.
`;

/** Renders a Markdown table from a header row and data rows (cells are converted with String()). */
export function table(header, rows) {
  const line = (cells) => `| ${cells.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Replaces the section between `<!-- name:start -->` and `<!-- name:end -->` in BENCHMARKS.md, or appends it.
 * The file is re-read right before writing and written through a rename, so sections other scripts own survive.
 * `BENCH_NO_WRITE=1` leaves the file alone (the scripts print their tables anyway).
 */
export function writeSection(name, body, path = BENCHMARKS_PATH) {
  if (process.env.BENCH_NO_WRITE === '1') return;
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : INTRO;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  let next;
  if (from !== -1 && to > from) {
    next = current.slice(0, from) + block + current.slice(to + end.length);
  } else {
    next = `${current.trimEnd()}\n\n${block}\n`;
  }
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, next);
  renameSync(temp, path);
}
