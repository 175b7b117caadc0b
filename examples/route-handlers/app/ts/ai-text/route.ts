import { openai } from '@ai-sdk/openai'
import { streamText } from 'ai'

// Plain text stream: each text delta is sent as its own UTF-8 chunk.
export async function POST(req: Request) {
  const { messages } = await req.json()

  const result = await streamText({
    model: openai('gpt-4-turbo'),
    messages,
  })

  return result.toTextStreamResponse()
}
