// One catalogue of every error @rollgate/core can throw, Fastify-style: stable code, message, and
// the HTTP status a host should map it to. Evaluators return problems as data and never throw.
export {};
