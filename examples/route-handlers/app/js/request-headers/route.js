export async function GET(request) {
  const requestHeaders = new Headers(request.headers)
}
