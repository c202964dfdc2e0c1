// Handlers that leave the lookup to a service: the missing owner check is in services/orders.js.
const express = require('express');
const { requireAuth } = require('./auth');
const { getOrder, getOrderFor, orderSummary, listRecent } = require('./services/orders');
const { fetchPreview, fetchAllowedPreview } = require('./services/previews');
const { updateUser, rename, findUser, publicProfile } = require('./services/users');
const { summarize, answer } = require('./services/assistant');

const app = express();
app.use(requireAuth);

app.get('/orders/:id', async (req, res) => {
  res.json(await getOrder(req.params.id)); // expect: code-object-lookup-without-ownership
});

app.get('/orders/:id/summary', async (req, res) => {
  res.json(await orderSummary(req.params.id)); // expect: code-object-lookup-without-ownership
});

// the caller's id goes along: the service ties the lookup to it
app.get('/my/orders/:id', async (req, res) => {
  res.json(await getOrderFor(req.params.id, req.user.id)); // ok: code-object-lookup-without-ownership
});

// no id from the request reaches a lookup
app.get('/orders', async (req, res) => {
  res.json(await listRecent(10)); // ok: code-object-lookup-without-ownership
});

// the URL from the body decides where the service's fetch goes
app.post('/previews', async (req, res) => {
  res.send(await fetchPreview(req.body.url)); // expect: code-ssrf
});

// the service pins the host
app.post('/docs-previews', async (req, res) => {
  res.send(await fetchAllowedPreview(req.body.url)); // ok: code-ssrf
});

// the whole body goes to a service that writes it into the user
app.put('/me', async (req, res) => {
  res.json(await updateUser(req.user.id, req.body)); // expect: code-mass-assignment
});

app.put('/me/name', async (req, res) => {
  res.json(await rename(req.user.id, req.body.name)); // ok: code-mass-assignment
});

// the service returns the user as stored (password hash included)
app.get('/me/full', async (req, res) => {
  res.json(await findUser(req.user.id)); // expect: code-sensitive-data-in-response
});

app.get('/me/profile', async (req, res) => {
  res.json(await publicProfile(req.user.id)); // ok: code-sensitive-data-in-response
});

// the body's text reaches the system prompt the service builds
app.post('/summaries', async (req, res) => {
  res.json({ summary: await summarize(req.body.text) }); // expect: code-prompt-injection
});

app.post('/answers', async (req, res) => {
  res.json({ answer: await answer(req.body.question) }); // ok: code-prompt-injection
});

module.exports = app;
