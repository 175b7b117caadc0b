import { validate } from '../../lib/work';

export function GET() {
  return Response.json(validate());
}
