import { openai } from '@ai-sdk/openai'
import { streamText } from 'ai'

// The current AI SDK form of the seed's streaming example: in ai@3.4 streamText
// returns a Promise<StreamTextResult>, and toDataStreamResponse() replaces
// `new StreamingTextResponse(result.toAIStream())`.
export async function POST(req: Request) {
  const { messages } = await req.json()

  const result = await streamText({
    model: openai('gpt-4-turbo'),
    messages,
  })

  return result.toDataStreamResponse()
}
