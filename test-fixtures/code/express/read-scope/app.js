// Which unauthenticated routes code-route-without-auth reports: every write, and the reads whose path or handler
// says they need protection. Public catalogue reads and sign-up are not findings.
const crypto = require('crypto');
const express = require('express');
const { db } = require('./db');
const app = express();
app.use(express.json());

// a catalogue: public on most APIs by design
app.get('/api/products', async (req, res) => { // ok: code-route-without-auth
  res.json(await db.product.findMany());
});

app.get('/api/tags', async (req, res) => res.json(await db.tag.findMany())); // ok: code-route-without-auth

// people, logs and configuration are worth protecting even when only read
app.get('/api/customers/:id', async (req, res) => { // expect: code-route-without-auth
  res.json(await db.customer.findUnique({ where: { id: req.params.id } })); // expect: code-sensitive-data-in-response
});

app.get('/api/logs', async (req, res) => res.json(await db.log.findMany())); // expect: code-route-without-auth

app.get('/api/app-config', (req, res) => res.json(loadConfig())); // expect: code-route-without-auth

// a word inside another word does not count
app.get('/api/keyboards', async (req, res) => res.json(await db.keyboard.findMany())); // ok: code-route-without-auth

app.get('/api/config', (req, res) => res.json(loadConfig())); // expect: code-route-without-auth

// a GET that writes is a write
app.get('/api/newsletter/confirm', async (req, res) => { // expect: code-route-without-auth
  await db.subscription.update({ where: { code: req.query.code }, data: { confirmed: true } });
  res.sendStatus(204);
});

// hashing is not storing
app.get('/api/etag', (req, res) => { // ok: code-route-without-auth
  res.send(crypto.createHash('sha256').update(String(req.query.v)).digest('hex'));
});

// CAPTCHAs and account-recovery questions exist for callers who are not signed in
app.get('/api/captcha', async (req, res) => { // ok: code-route-without-auth
  res.json(await db.captcha.create({ data: { answer: String(Math.random()) } }));
});

app.get('/api/users/security-question', async (req, res) => { // ok: code-route-without-auth
  res.json(await db.securityQuestion.findFirst({ where: { email: req.query.email } }));
});

// registration posts the new account's recovery answer before the account exists
app.post('/api/security-answers', async (req, res) => { // ok: code-route-without-auth
  res.status(201).json(await db.securityAnswer.create({ data: { answer: req.body.answer } }));
});

// a CAPTCHA in the chain: a form meant for anonymous people (feedback, contact)
app.post('/api/feedback', verifyCaptcha, async (req, res) => { // ok: code-route-without-auth
  res.status(201).json(await db.feedback.create({ data: { comment: req.body.comment } }));
});

app.post('/api/contact', async (req, res) => { // ok: code-route-without-auth
  if (!(await recaptcha.verify(req.body.recaptchaToken))) return res.sendStatus(400);
  res.status(201).json(await db.message.create({ data: { text: req.body.text } }));
});

// ... which does not open a sensitive write
app.post('/api/users/:id/delete', verifyCaptcha, async (req, res) => { // expect: code-route-without-auth
  res.json(await db.user.delete({ where: { id: req.params.id } }));
});

// the same form without one is reported
app.post('/api/reviews', async (req, res) => { // expect: code-route-without-auth
  res.status(201).json(await db.review.create({ data: { text: req.body.text } }));
});

// sign-up by REST convention
app.post('/api/users', async (req, res) => { // ok: code-route-without-auth
  res.status(201).json(await db.user.create({ data: { email: req.body.email } }));
});

// ... but not on an administrative or private path, nor on one user
app.post('/api/admin/users', async (req, res) => { // expect: code-route-without-auth
  res.status(201).json(await db.user.create({ data: { email: req.body.email } }));
});

app.post('/api/private/users', async (req, res) => { // expect: code-route-without-auth
  res.status(201).json(await db.user.create({ data: { email: req.body.email } }));
});

app.post('/api/users/:id/ban', async (req, res) => { // expect: code-route-without-auth
  res.json(await db.user.update({ where: { id: req.params.id }, data: { banned: true } }));
});

async function verifyCaptcha(req, res, next) {
  const captcha = await db.captcha.findUnique({ where: { id: req.body.captchaId } });
  if (captcha && captcha.answer === req.body.captcha) next();
  else res.status(401).send('Wrong answer to CAPTCHA');
}

const recaptcha = { verify: async (token) => Boolean(token) };

function loadConfig() {
  return { theme: 'dark' };
}

app.listen(3000);
