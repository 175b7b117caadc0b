import { transform } from '../../lib/work';

export function GET() {
  return Response.json(transform());
}
