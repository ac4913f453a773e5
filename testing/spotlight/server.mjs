// Sentry Spotlight as a local receiver for Panicwatch's integration tests.
//
// Usage: node server.mjs --port <PORT>     (started by SpotlightServer in appender-core's tests)
//
// Why not the `spotlight` CLI: it listens on all interfaces and its run.js/instrument.js call
// Sentry.init with Spotlight's own DSN (telemetry to sentry.io). Importing the package's main
// export loads neither; @sentry/node stays uninitialised, so its spans and captureException are
// no-ops and nothing leaves the machine.
import http from 'node:http';

const HOST = '127.0.0.1';

const portArg = process.argv.indexOf('--port');
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : NaN;
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error('usage: node server.mjs --port <1-65535>');
  process.exit(2);
}

// Spotlight's file-capture switch writes every payload to the working directory: keep it off.
delete process.env.SPOTLIGHT_CAPTURE;

// setupSpotlight() has no host option and @hono/node-server's serve() listens on every interface
// when no hostname is given, so pin every HTTP server of this process to the loopback address.
const originalListen = http.Server.prototype.listen;
http.Server.prototype.listen = function listenOnLoopback(...args) {
  this.prependListener('request', forceConnectionClose);
  const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
  const options = typeof args[0] === 'object' && args[0] !== null
    ? { ...args[0], host: HOST }
    : { port: Number(args[0] ?? 0), host: HOST };
  return originalListen.call(this, options, callback);
};

// Spotlight answers `Connection: keep-alive` to the Java SDK's `Connection: close`; the JDK then
// reuses a socket Node is closing and every second envelope gets a 400. Strip whatever Connection
// header the route sets and close the socket after each reply.
function forceConnectionClose(request, response) {
  const writeHead = response.writeHead;
  response.writeHead = function writeHeadWithClose(statusCode, ...rest) {
    const headersIndex = typeof rest[0] === 'string' ? 1 : 0;
    if (rest[headersIndex] !== undefined) {
      rest[headersIndex] = withoutConnection(rest[headersIndex]);
    }
    this.removeHeader('Connection');
    this.setHeader('Connection', 'close');
    this.shouldKeepAlive = false;
    return writeHead.call(this, statusCode, ...rest);
  };
}

function withoutConnection(headers) {
  const isConnection = (name) => String(name).toLowerCase() === 'connection';
  if (!Array.isArray(headers)) {
    return Object.fromEntries(Object.entries(headers).filter(([name]) => !isConnection(name)));
  }
  if (Array.isArray(headers[0])) {
    return headers.filter(([name]) => !isConnection(name));
  }
  const flat = [];
  for (let i = 0; i < headers.length; i += 2) {
    if (!isConnection(headers[i])) flat.push(headers[i], headers[i + 1]);
  }
  return flat;
}

const { setupSpotlight } = await import('@spotlightjs/spotlight');
const server = await setupSpotlight({ port, isStandalone: true });
if (!server) {
  // setupSpotlight returns nothing when another Spotlight already answers on that port.
  console.error(`another Spotlight already listens on port ${port}`);
  process.exit(1);
}
console.log(`panicwatch spotlight receiver on http://${HOST}:${port}`);
