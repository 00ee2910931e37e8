// rollgate demo on embedded defaults: nothing to configure, no server to install.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateDocuments } from './contracts.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const print = (line = '') => console.log(line);

print('rollgate demo\n');
print('1. Contracts: example documents (examples/demo/documents)');
const contracts = await validateDocuments(here, print);
if (contracts.surprises > 0) process.exitCode = 1;
