// The plain JSON handler the benchmark measures.
export async function GET() {
  return Response.json({ hello: 'world' })
}
