// The benchmark's routes for Deno.serve and Bun.serve: the same answers as the Next.js
// routes under app/, from the same functions (lib/work.ts). The force-static row answers a
// body made once, as a prerendered route does.
import { format, spin, stream, summarize, transform, validate } from './lib/work.ts';

const STATIC = JSON.stringify({ generatedAt: Date.now() });

export function handle(req: Request): Response | Promise<Response> {
  const url = new URL(req.url);
  const { pathname } = url;
  switch (pathname) {
    case '/plain':
      return Response.json({ hello: 'world' });
    case '/stream':
      return new Response(stream(), { headers: { 'content-type': 'text/plain' } });
    case '/cookies': {
      const cookie = req.headers.get('cookie') ?? '';
      const m = /(?:^|;\s*)token=([^;]*)/.exec(cookie);
      return Response.json({ token: m ? decodeURIComponent(m[1]) : null });
    }
    case '/json':
      return Response.json(transform());
    case '/zod':
      return Response.json(validate());
    case '/loop':
      return Response.json(spin());
    case '/search':
      return Response.json({ q: url.searchParams.get('q') });
    case '/echo':
      return req.json().then((body) => Response.json(summarize(body)));
    case '/format':
      return Response.json(format());
    case '/static':
      return new Response(STATIC, { headers: { 'content-type': 'application/json' } });
    default:
      if (pathname.startsWith('/items/')) return Response.json({ slug: pathname.slice(7) });
      return new Response('not found', { status: 404 });
  }
}
