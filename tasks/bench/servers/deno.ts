import { handle } from './handler.ts';

const port = Number(Deno.env.get('PORT') ?? 3000);
Deno.serve({ port, hostname: '127.0.0.1', onListen() {} }, handle);
