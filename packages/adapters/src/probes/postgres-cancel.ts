// PostgreSQL's cancel request (protocol "CancelRequest"): a 16-byte message on a fresh connection
// naming the backend's pid and secret key. It needs no credentials, it is what libpq's PQcancel and
// node-postgres send, and it stops a query the server is still running (say, waiting on a lock)
// after the probe has given up on it. node:net is loaded only when a cancel is sent: importing it (with
// node:crypto) cost ~10 ms of every service's cold start for a path most never take.

/** The fields node-postgres exposes on a connected client that a cancel request needs. */
export interface CancellableBackend {
  /** Backend pid (`BackendKeyData`), set once connected. */
  readonly processID?: number | null;
  /** Backend secret key (`BackendKeyData`), set once connected. */
  readonly secretKey?: number | null;
  /** Host the client connected to (a directory for a Unix socket). */
  readonly host?: string;
  /** Port the client connected to. */
  readonly port?: number;
}

const CANCEL_REQUEST_CODE = 80877102; // 1234 << 16 | 5678, fixed by the protocol
const CANCEL_SOCKET_TIMEOUT_MS = 2_000;

/** The CancelRequest message for a backend. */
export function cancelRequestMessage(processID: number, secretKey: number): Buffer {
  const message = Buffer.alloc(16);
  message.writeInt32BE(16, 0);
  message.writeInt32BE(CANCEL_REQUEST_CODE, 4);
  message.writeInt32BE(processID, 8);
  message.writeInt32BE(secretKey, 12);
  return message;
}

/**
 * Fire-and-forget cancel of whatever `backend` is running. Returns false when the client does not
 * expose what a cancel needs. Never throws; the socket is unref'd and destroyed within 2 s.
 */
export function sendCancelRequest(backend: CancellableBackend): boolean {
  const { processID, secretKey, host, port } = backend;
  if (typeof processID !== 'number' || typeof secretKey !== 'number' || typeof port !== 'number')
    return false;
  const target = host ?? 'localhost';
  import('node:net').then(
    ({ connect }) => {
      try {
        const socket = target.startsWith('/')
          ? connect(`${target}/.s.PGSQL.${port}`)
          : connect({ host: target, port });
        socket.unref();
        socket.setTimeout(CANCEL_SOCKET_TIMEOUT_MS, () => socket.destroy());
        socket.on('error', () => socket.destroy());
        socket.once('connect', () => socket.end(cancelRequestMessage(processID, secretKey)));
        socket.once('close', () => socket.removeAllListeners());
      } catch {
        // A cancel is best effort: the probe has already failed at its timeout.
      }
    },
    () => undefined,
  );
  return true;
}
