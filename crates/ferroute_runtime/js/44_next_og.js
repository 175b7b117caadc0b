// `next/og`. Next renders ImageResponse with @vercel/og: satori lays the JSX out with
// yoga and resvg paints it, both compiled to WebAssembly.
// - On JavaScriptCore, `ImageResponse` is the one of the @vercel/og that Next bundles
//   (`next/dist/compiled/@vercel/og/index.node.js` in the project's node_modules), loaded
//   when `next/og` is first imported, so the images are Next's own.
// - QuickJS has no WebAssembly: the module loads (a route that imports it but answers other
//   requests works) and the constructor fails at once with the reason and the engine to use,
//   rather than a response whose body errors half-way.
(() => {
  'use strict';

  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const BUNDLED = 'next/dist/compiled/@vercel/og/index.node.js';

  /** An ImageResponse that cannot render: it throws `message` when constructed. */
  function unavailable(message, cause) {
    return class ImageResponse extends Response {
      static displayName = 'ImageResponse';

      constructor() {
        const err = new Error(message, cause === undefined ? undefined : { cause });
        err.code = 'ERR_FERROUTE_UNSUPPORTED';
        throw err;
      }
    };
  }

  if (internal.config.engine === 'jsc') {
    let ImageResponse;
    internal.modules['next/og'] = {
      // Read when a module importing next/og is evaluated; a project without next still
      // loads such a route, and the constructor says what is missing.
      get ImageResponse() {
        if (ImageResponse === undefined) {
          try {
            const path = native.cjsResolve(BUNDLED, `${internal.config.root}/__entry__.js`)[1];
            ImageResponse = native.requireEsm(path).ImageResponse;
          } catch (cause) {
            ImageResponse = unavailable(
              `ImageResponse from 'next/og' renders with the @vercel/og that Next.js bundles (${BUNDLED}), ` +
                'which could not be loaded: install next in the project (npm i next)',
              cause,
            );
          }
        }
        return ImageResponse;
      },
    };
    return;
  }

  internal.modules['next/og'] = {
    ImageResponse: unavailable(
      "ImageResponse from 'next/og' is not available on the QuickJS engine: it renders " +
        'with satori, yoga and resvg compiled to WebAssembly, which QuickJS does not have. ' +
        'Start ferroute with --engine jsc (JavaScriptCore), which renders it ' +
        '(see docs/compat.md)',
    ),
  };
})();
