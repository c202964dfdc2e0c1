// One Express file with the remaining JS cases of the configuration and LLM rules.
const express = require('express');
const jwt = require('jsonwebtoken');
const errorhandler = require('errorhandler');
const { execSync } = require('node:child_process');
const OpenAI = require('openai');

const app = express();
const openai = new OpenAI();
const STRIPE_KEY = 'sk_live_51HxYzAbCdEfGhIjKlMnOpQr';
//                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ code-hardcoded-secret
const DATABASE_URL = 'postgres://app:s3cretPassw0rd@db.internal:5432/app';
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ code-hardcoded-secret
const PASSWORD_MIN_LENGTH = 'twelve characters'; // ok: code-hardcoded-secret
const apiKey = process.env.API_KEY; // ok: code-hardcoded-secret

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
//                                         ^^^ code-tls-verification-disabled

app.use(errorhandler());
//      ^^^^^^^^^^^^^^ code-debug-mode-enabled

app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
  //                                           ^^^^^^^^^^^^^^^^^^ code-cors-any-origin-with-credentials
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});

function verifyLoose(token) {
  return jwt.verify(token, process.env.JWT_PUBLIC_KEY);
  //         ^^^^^^ code-jwt-unsafe-verification
}

function verifyNone(token) {
  return jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256', 'none'] });
  //                                                                 ^^^^^^^^^^^^^^^^^ code-jwt-unsafe-verification
}

function verifyForever(token) {
  return jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'], ignoreExpiration: true });
  //                                                                                              ^^^^ code-jwt-unsafe-verification
}

function tokenPreview(token) {
  return jwt.decode(token)?.exp; // ok: code-jwt-decode-without-verify
}

async function requireUser(req, res, next) {
  if (!req.session || !req.session.userId) return res.status(401).end();
  next();
}

app.get('/go', requireUser, async (req, res) => {
//      ^^^^^ code-missing-rate-limit
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 50, messages: [{ role: 'user', content: req.query.q }] }); // ok: code-llm-unbounded-tokens, code-prompt-injection
  const target = completion.choices[0].message.content;
  res.redirect(target);
  //  ^^^^^^^^ code-llm-output-unvalidated
});

app.post('/admin/run', requireUser, async (req, res) => {
//       ^^^^^^^^^^^^ code-missing-rate-limit
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, messages: [{ role: 'user', content: 'Suggest a cleanup command' }] });
  const out = execSync(completion.choices[0].message.content);
  //          ^^^^^^^^ code-llm-output-unvalidated
  res.json({ out: String(out) });
});

app.listen(3000);
module.exports = { verifyLoose, verifyNone, verifyForever, tokenPreview, STRIPE_KEY, DATABASE_URL, PASSWORD_MIN_LENGTH, apiKey };
