import { stream } from '../../lib/work';

export function GET() {
  return new Response(stream(), { headers: { 'content-type': 'text/plain' } });
}
