export async function GET(request) {
  const token = request.cookies.get('token')
}
