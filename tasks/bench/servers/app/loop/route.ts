import { spin } from '../../lib/work';

export function GET() {
  return Response.json(spin());
}
