import type { Request, Response } from 'express';
import OpenAI from 'openai';

const openai = new OpenAI();

export async function askAssistant(req: Request, res: Response) {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 300,
    messages: [{ role: 'system', content: `You are the support bot of ${req.body.shop}.` }], // expect: code-prompt-injection
  });
  res.json({ answer: completion.choices[0]?.message.content });
}
