// The `rollgate` executable: the command tree against the process's streams. Kept apart from the library entry
// so `rollgate --help` loads commander and nothing else. Built as CommonJS (dist/bin.cjs, see tsup.config.ts).
import { runCli } from './commands/program.js';
import { survivePipeClose } from './output/closed-pipe.js';
import { processIo } from './output/io.js';

let writeFailed = false;
const failWrite = () => {
  writeFailed = true;
  process.exitCode = 70; // also when the failure is reported after the command has returned
};
survivePipeClose(process.stdout, (message) => process.stderr.write(message), failWrite);
// Nowhere is left to report a failing stderr.
survivePipeClose(process.stderr, () => {}, failWrite);

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = writeFailed ? 70 : code;
});
