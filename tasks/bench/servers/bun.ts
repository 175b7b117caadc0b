import { handle } from './handler.ts';

Bun.serve({ port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1', fetch: handle });
