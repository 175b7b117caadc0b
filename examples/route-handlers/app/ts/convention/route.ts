export async function GET(request: Request) {}
