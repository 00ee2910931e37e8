export {
  ADAPTERS,
  type AdapterName,
  startApp,
  startFastify,
  type TestApp,
  type TestAppOptions,
} from './servers.js';
