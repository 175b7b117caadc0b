import { summarize } from '../../lib/work';

export async function POST(request: Request) {
  return Response.json(summarize(await request.json()));
}
