// The work behind the benchmark's rows, shared by the Next.js routes (served by ferroute and
// by `next start`) and by the Deno.serve / Bun.serve servers (handler.ts), so that every
// server runs the same JavaScript.
import { z } from 'zod';

/** 200 objects, built once per process. */
const ITEMS = Array.from({ length: 200 }, (_, i) => ({
  id: i,
  name: `item-${i}`,
  price: (i * 37) % 1000 / 10,
  tags: ['a', 'b', 'c'].slice(0, (i % 3) + 1),
  active: i % 2 === 0,
}));

/** A JSON transform: filter, map and sort 200 objects, then sum. */
export function transform() {
  const out = ITEMS.filter((x) => x.active)
    .map((x) => ({ id: x.id, label: x.name.toUpperCase(), total: Math.round(x.price * 1.2 * 100) / 100, tags: x.tags.join(',') }))
    .sort((a, b) => b.total - a.total);
  return { count: out.length, sum: out.reduce((s, x) => s + x.total, 0), first: out.slice(0, 5) };
}

const User = z.object({
  id: z.number().int().nonnegative(),
  email: z.string().email(),
  name: z.string().min(1).max(100),
  age: z.number().int().min(0).max(150).optional(),
  roles: z.array(z.enum(['admin', 'user', 'guest'])),
});
const USERS = Array.from({ length: 50 }, (_, i) => ({
  id: i,
  email: `user${i}@example.com`,
  name: `User ${i}`,
  age: 20 + (i % 50),
  roles: i % 5 === 0 ? ['admin', 'user'] : ['user'],
}));

/** zod validating 50 objects. */
export function validate() {
  let ok = 0;
  for (const u of USERS) if (User.safeParse(u).success) ok++;
  return { ok };
}

/** A 200,000-iteration integer loop. */
export function spin(n = 200_000) {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + i * 7) | 0;
  return { s };
}

/** Five chunks of a text stream. */
export function stream() {
  const encoder = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i === 5) return controller.close();
      controller.enqueue(encoder.encode(`chunk ${i++}\n`));
    },
  });
}

/** What the POST row answers for the JSON body it is sent (post.lua). */
export function summarize(body: { name: string; items: number[] }) {
  return { name: body.name, count: body.items.length, sum: body.items.reduce((s, x) => s + x, 0) };
}

/** Local time and locale formatting, as a response shows dates and prices. */
export function format() {
  const at = new Date(Date.UTC(2024, 0, 15, 12, 30));
  return {
    date: at.toLocaleDateString('en-US'),
    time: at.toLocaleTimeString('en-US'),
    hour: at.getHours(),
    price: (1234.5).toLocaleString('en-US'),
  };
}
