// `next/og`. Next renders ImageResponse with @vercel/og: satori lays the JSX out with
// yoga and resvg paints it, both compiled to WebAssembly. QuickJS has no WebAssembly, so
// the module loads (a route that imports it but answers other requests works) and the
// constructor fails at once with the reason, rather than a response whose body errors
// half-way. The JIT engine (issue 12) is where ImageResponse renders.
(() => {
  'use strict';

  const internal = globalThis[Symbol.for('ferroute.internal')];

  class ImageResponse extends Response {
    static displayName = 'ImageResponse';

    constructor() {
      const err = new Error(
        "ImageResponse from 'next/og' is not available on the QuickJS engine: it renders " +
          'with satori, yoga and resvg compiled to WebAssembly, which QuickJS does not have. ' +
          'Serve images from files, or generate them on a server that runs next start ' +
          '(see docs/compat.md)',
      );
      err.code = 'ERR_FERROUTE_UNSUPPORTED';
      throw err;
    }
  }

  internal.modules['next/og'] = { ImageResponse };
})();
