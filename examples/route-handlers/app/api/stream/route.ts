// A streaming response without pauses, for the benchmark: three chunks as fast as the
// client reads them.
export async function GET() {
  const encoder = new TextEncoder()
  let i = 0
  const stream = new ReadableStream({
    pull(controller) {
      if (i === 3) return controller.close()
      controller.enqueue(encoder.encode(`<p>${++i}</p>`))
    },
  })
  return new Response(stream, { headers: { 'content-type': 'text/html' } })
}
