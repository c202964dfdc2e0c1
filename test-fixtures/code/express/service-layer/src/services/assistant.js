const OpenAI = require('openai');

const client = new OpenAI();

// the caller's text is written into the instructions
async function summarize(text) {
  const reply = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 300,
    messages: [{ role: 'system', content: `You summarize documents for our users. Document: ${text}` }],
  });
  return reply.choices[0].message.content;
}

// the caller's text is a user message of its own
async function answer(question) {
  const reply = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 300,
    messages: [
      { role: 'system', content: 'You answer questions about our product.' },
      { role: 'user', content: question },
    ],
  });
  return reply.choices[0].message.content;
}

module.exports = { summarize, answer };
