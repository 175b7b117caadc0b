// A dynamic segment, as in the docs' Dynamic Route Segments table.
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  return Response.json({ slug })
}
