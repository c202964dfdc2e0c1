// Handlers that leave the lookup to a service: the missing owner check is in services/orders.js.
const express = require('express');
const { requireAuth } = require('./auth');
const { getOrder, getOrderFor, orderSummary, listRecent } = require('./services/orders');

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

module.exports = app;
