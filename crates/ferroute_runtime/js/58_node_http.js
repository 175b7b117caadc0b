// node:http and node:https: the names load (SDKs import them at start-up, and many pick
// fetch() when it exists); making a request through them throws until ferroute provides it.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const builtin = internal.builtin;
  const make = (mod) => {
    const fail = (name) => function () {
      const err = new Error(`${mod}.${name}() is not available in ferroute yet: use fetch() (see docs/compat.md)`);
      err.code = 'ERR_FERROUTE_UNSUPPORTED';
      throw err;
    };
    const EventEmitter = builtin('events');
    function Agent(options) {
      if (!(this instanceof Agent)) return new Agent(options);
      EventEmitter.call(this);
      this.options = { ...options };
      this.keepAlive = !!(options && options.keepAlive);
      this.maxSockets = (options && options.maxSockets) || Infinity;
      this.sockets = {};
      this.freeSockets = {};
      this.requests = {};
    }
    Object.setPrototypeOf(Agent.prototype, EventEmitter.prototype);
    Agent.prototype.destroy = function () {};
    const m = {
      Agent,
      globalAgent: new Agent({ keepAlive: true }),
      request: fail('request'),
      get: fail('get'),
      createServer: fail('createServer'),
      Server: fail('Server'),
      ClientRequest: fail('ClientRequest'),
      IncomingMessage: fail('IncomingMessage'),
      OutgoingMessage: fail('OutgoingMessage'),
      ServerResponse: fail('ServerResponse'),
      METHODS: ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'],
      STATUS_CODES: {},
      maxHeaderSize: 16384,
      validateHeaderName: () => {},
      validateHeaderValue: () => {},
      setMaxIdleHTTPParsers: () => {},
    };
    return m;
  };
  internal.modules['node:http'] = make('http');
  internal.modules['node:https'] = make('https');
})();
