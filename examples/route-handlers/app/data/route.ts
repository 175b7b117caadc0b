// Stands in for the docs' remote API (https://data.mongodb-api.com/...), so the fetch
// examples run without a network: .env points DATA_URL here.
export async function GET(request: Request) {
  return Response.json({ items: ['a', 'b', 'c'], apiKey: request.headers.get('api-key') })
}
