import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';

/**
 * An HTTP proxy in front of the local S3 server that can fail requests on purpose: the next N requests answer
 * 503 (an outage the run engine retries) or the connection is reset, or every request is refused as S3 refuses a
 * revoked access key (403 InvalidAccessKeyId). It can also slow response bodies down to a given rate, so that a run
 * lasts long enough to be interrupted, or hold every request until released, so that a run is certainly still active.
 */
export async function startFaultProxy(target: string) {
  const upstream = new URL(target);
  let failures = 0;
  let mode: 'status' | 'reset' = 'status';
  let failOnly: string | null = null;
  let requests = 0;
  let denied = false;
  let denial = { code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  const recorded: { method: string; url: string; headers: http.IncomingHttpHeaders }[] = [];
  let bytesPerSecond = 0;
  let held: (() => void)[] | null = null;
  let onHeld: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    if (held) {
      held.push(() => handle(req, res));
      onHeld.splice(0).forEach((wake) => wake());
      return;
    }
    handle(req, res);
  });
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    requests++;
    recorded.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    if (denied) {
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0"?><Error><Code>${denial.code}</Code><Message>${denial.message}</Message></Error>`);
      return;
    }
    if (failures > 0 && (!failOnly || req.method === failOnly)) {
      failures--;
      if (mode === 'reset') {
        req.socket.destroy();
        return;
      }
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0"?><Error><Code>ServiceUnavailable</Code><Message>down for a test</Message></Error>');
      return;
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (bytesPerSecond > 0) answer.pipe(slowly(bytesPerSecond)).pipe(res);
        else answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** The next `n` requests (or the next `n` with this HTTP method) fail (503, or a reset connection). */
    failNext(n: number, how: 'status' | 'reset' = 'status', method: string | null = null) {
      failures = n;
      mode = how;
      failOnly = method;
    },
    /** From now on, every request is refused as with a revoked access key (until `deny(false)`), or with another 403 error code and message. */
    deny(on = true, as?: { code: string; message: string }) {
      denied = on;
      if (as) denial = as;
      else denial = { code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
    },
    /** Every request seen so far (method, path and query, headers), for assertions on what the client sent. */
    get recorded() {
      return recorded;
    },
    /** Response bodies from now on flow at about this many bytes per second (0: as fast as they come). */
    throttle(rate: number) {
      bytesPerSecond = rate;
    },
    /** From now on, requests wait unanswered until `release()`. */
    hold() {
      held ??= [];
    },
    /** Resolves once a request is being held. */
    whenHeld: () => new Promise<void>((resolve) => (held?.length ? resolve() : onHeld.push(resolve))),
    /** Answers the held requests and stops holding. */
    release() {
      const waiting = held ?? [];
      held = null;
      waiting.forEach((answer) => answer());
    },
    get requests() {
      return requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Passes chunks on in pieces of at most 16 KiB, each after the time it takes at `rate` bytes per second. */
function slowly(rate: number): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const pieces: Buffer[] = [];
      for (let at = 0; at < chunk.length; at += 16 * 1024) pieces.push(chunk.subarray(at, at + 16 * 1024));
      const next = () => {
        const piece = pieces.shift();
        if (!piece) return done();
        setTimeout(() => {
          this.push(piece);
          next();
        }, (piece.length / rate) * 1000);
      };
      next();
    },
  });
}
