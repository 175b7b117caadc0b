export const dynamic = 'force-static';

export function GET() {
  return Response.json({ generatedAt: Date.now() });
}
