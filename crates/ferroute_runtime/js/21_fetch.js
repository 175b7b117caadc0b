// fetch(): the Fetch standard's request/redirect/abort logic over the native HTTP client.
// Request bodies stream from a ReadableStream through an upload channel; response bodies
// stream into the Response chunk by chunk.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const { kState, FAST_INIT } = internal;
  const { bodyStream, toUint8, encoder, responseState, NULL_BODY_STATUS, REDIRECT_STATUS } = internal.body;

  function abortError(signal) {
    const reason = signal.reason;
    if (reason !== undefined) return reason;
    return new DOMException('This operation was aborted', 'AbortError');
  }

  /** Starts streaming `stream` into a new upload channel; returns the channel id. */
  function pumpUpload(stream) {
    const id = native.uploadCreate();
    const reader = stream.getReader();
    (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const bytes = typeof value === 'string' ? encoder.encode(value) : toUint8(value);
          if (!bytes) throw new TypeError('Received non-Uint8Array chunk');
          if (!(await native.uploadWrite(id, bytes))) {
            await reader.cancel();
            return;
          }
        }
        native.uploadEnd(id, false);
      } catch (e) {
        native.uploadEnd(id, true);
      }
    })();
    return id;
  }

  /** The Response fetch() hands out (its body from the network, or from the data cache). */
  function fetchedResponse(status, statusText, flat, src, url, redirected) {
    const rs = responseState(status, statusText, flat, src);
    rs.guard = 'immutable';
    rs.type = 'basic';
    rs.url = url;
    rs.redirected = redirected;
    return new Response(FAST_INIT, rs);
  }

  async function fetch(input, init = undefined) {
    const request = new Request(input, init);
    const st = request[kState];
    const signal = st.signal;
    if (signal && signal.aborted) throw abortError(signal);
    let url = request.url;
    let method = request.method;
    let headers = [];
    for (const [k, v] of request.headers) headers.push(k, v);
    if (!request.headers.has('accept')) headers.push('accept', '*/*');
    if (!request.headers.has('user-agent')) headers.push('user-agent', 'node');
    let body = null;
    if (st.src != null) {
      if (st.stream == null && (typeof st.src === 'string' || st.src instanceof Uint8Array)) body = st.src;
      else body = { stream: bodyStream(st) };
      st.used = true;
    }
    let redirected = false;
    for (let hops = 0; ; hops++) {
      const bodyArg = body !== null && typeof body === 'object' && body.stream ? pumpUpload(body.stream) : body;
      let head;
      if (signal) {
        head = await new Promise((resolve, reject) => {
          const onAbort = () => reject(abortError(signal));
          signal.addEventListener('abort', onAbort, { once: true });
          native.fetch(method, url, headers, bodyArg).then(
            (h) => { signal.removeEventListener('abort', onAbort); if (signal.aborted) native.fetchCancel(h[3]); resolve(h); },
            (e) => { signal.removeEventListener('abort', onAbort); reject(e); },
          );
        });
      } else {
        head = await native.fetch(method, url, headers, bodyArg);
      }
      const [status, statusText, flat, bodyId] = head;
      if (REDIRECT_STATUS.has(status) && request.redirect !== 'manual') {
        let location = null;
        for (let i = 0; i < flat.length; i += 2) if (flat[i] === 'location') location = flat[i + 1];
        if (location !== null) {
          native.fetchCancel(bodyId);
          if (request.redirect === 'error') throw new TypeError('fetch failed', { cause: new Error('unexpected redirect') });
          if (hops >= 20) throw new TypeError('fetch failed', { cause: new Error('redirect count exceeded') });
          url = new URL(location, url).href;
          redirected = true;
          if (status === 303 && method !== 'GET' && method !== 'HEAD' || (status === 301 || status === 302) && method === 'POST') {
            method = 'GET';
            body = null;
            const kept = [];
            for (let i = 0; i < headers.length; i += 2) {
              if (!/^content-(type|length|encoding|language|location)$/.test(headers[i])) kept.push(headers[i], headers[i + 1]);
            }
            headers = kept;
          } else if (body !== null && typeof body === 'object') {
            throw new TypeError('fetch failed', { cause: new Error('cannot follow a redirect with a streamed request body') });
          }
          continue;
        }
      }
      const nullBody = method === 'HEAD' || NULL_BODY_STATUS.has(status);
      if (nullBody) native.fetchCancel(bodyId);
      const response = fetchedResponse(status, statusText, flat, nullBody ? null : { native: 'fetch', id: bodyId }, url, redirected);
      if (signal && !nullBody) {
        signal.addEventListener('abort', () => native.fetchCancel(bodyId), { once: true });
      }
      return response;
    }
  }

  internal.fetch = fetch;
  internal.fetchedResponse = fetchedResponse;
  Object.defineProperty(globalThis, 'fetch', {
    value: function fetch(input, init) {
      return internal.fetch(input, init);
    },
    writable: true, configurable: true, enumerable: true,
  });
})();
