// The `rollgate` executable: the command tree against the process's streams. Kept apart from the library entry
// so `rollgate --help` loads commander and nothing else. Built as CommonJS (dist/bin.cjs, see tsup.config.ts).
import { runCli } from './commands/program.js';
import { processIo } from './output/io.js';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
