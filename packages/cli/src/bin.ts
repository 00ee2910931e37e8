import { CLI_VERSION } from './index.js';

process.stdout.write(`rollgate ${CLI_VERSION}\n`);
