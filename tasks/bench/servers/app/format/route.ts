import { format } from '../../lib/work';

export function GET() {
  return Response.json(format());
}
