// The `rollgate` executable: the command tree against the process's streams. Kept apart from the library entry
// so `rollgate --help` loads commander and nothing else.
import { runCli } from './commands/program.js';
import { processIo } from './output/io.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
