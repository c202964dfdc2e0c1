// An assistant endpoint that lets the model call tools: which function runs, and which URL the server fetches, is
// chosen by the model's output.
const express = require('express');
const rateLimit = require('express-rate-limit');
const OpenAI = require('openai');
const { requireUser } = require('./auth');
const admin = require('./admin');

const app = express();
const openai = new OpenAI();
app.use(rateLimit({ windowMs: 60_000, max: 20 }));
app.use(requireUser);

// a fixed set of tools: the model can only pick one of these
const TOOLS = {
  getWeather: async ({ city }) => ({ city, forecast: 'sunny' }),
  getTime: async () => new Date().toISOString(),
};

app.post('/assistant', async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 300,
    messages: [{ role: 'user', content: req.body.question }],
  });
  const call = completion.choices[0].message.tool_calls[0];
  const tool = TOOLS[call.function.name]; // ok: code-llm-tool-dispatch-unrestricted
  res.json(await tool(JSON.parse(call.function.arguments)));
});

// every export of the admin module is callable by name
app.post('/assistant/admin', async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 300,
    messages: [{ role: 'user', content: req.body.question }],
  });
  const call = completion.choices[0].message.tool_calls[0];
  const result = await admin[call.function.name](JSON.parse(call.function.arguments)); // expect: code-llm-tool-dispatch-unrestricted
  res.json(result);
});

// any method of this object, including ones no tool list names
app.post('/assistant/self', async function (req, res) {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 300,
    messages: [{ role: 'user', content: req.body.question }],
  });
  const name = completion.choices[0].message.tool_calls[0].function.name;
  res.json(await this[name]()); // expect: code-llm-tool-dispatch-unrestricted
});

// the model picks the page the server fetches
app.post('/assistant/browse', async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 100,
    messages: [{ role: 'user', content: `Which URL answers this? ${JSON.stringify(req.body.question)}` }],
  });
  const url = completion.choices[0].message.content.trim();
  const page = await fetch(url); // expect: code-llm-output-unvalidated
  res.json({ status: page.status });
});

// the model only picks a path on a fixed host
app.post('/assistant/docs', async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 100,
    messages: [{ role: 'user', content: `Which docs page? ${JSON.stringify(req.body.question)}` }],
  });
  const slug = encodeURIComponent(completion.choices[0].message.content.trim());
  const page = await fetch(`https://docs.example.com/pages/${slug}`); // ok: code-llm-output-unvalidated
  res.json({ status: page.status });
});

module.exports = app;
