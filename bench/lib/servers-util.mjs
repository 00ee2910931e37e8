// Listening and closing helpers shared by the behaviour scenarios.

/** Listens on a free port of 127.0.0.1 and resolves the base URL. */
export function listenNode(server) {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)),
  );
}

/** Closes a node:http server, cutting open (possibly hanging) connections. */
export function closeNode(server) {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** Base URL of a listening Fastify app. */
export function fastifyUrl(app) {
  return `http://127.0.0.1:${app.server.address().port}`;
}

/** Resolves after `ms`; a plain delay between sampled requests. */
export function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A promise that never settles: a dependency that hangs. */
export function never() {
  return new Promise(() => {});
}
