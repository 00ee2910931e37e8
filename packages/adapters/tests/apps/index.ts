export {
  ADAPTERS,
  type AdapterName,
  FASTIFY_MAJORS,
  FETCH_REFUSED_BODY,
  startApp,
  startFastify,
  type TestApp,
  type TestAppOptions,
} from './servers.js';
