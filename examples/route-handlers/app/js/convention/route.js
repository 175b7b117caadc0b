export async function GET(request) {}
