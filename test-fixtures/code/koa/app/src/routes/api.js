// Mounted after koa-jwt (app.js): authenticated.
const Router = require('@koa/router');
const axios = require('axios');
const { Invoice } = require('../models');

const router = new Router({ prefix: '/api' });

router.get('/invoices/:id', async (ctx) => { // ok: code-route-without-auth
  ctx.body = await Invoice.findById(ctx.params.id);
  //                       ^^^^^^^^ code-object-lookup-without-ownership
});

router.get('/invoices', async (ctx) => {
  ctx.body = await Invoice.find({ customerId: ctx.state.user.id }); // ok: code-object-lookup-without-ownership
});

router.post('/webhooks/test', async (ctx) => {
  const { callbackUrl } = ctx.request.body;
  await axios.post(callbackUrl, { ping: true });
  //               ^^^^^^^^^^^ code-ssrf
  ctx.status = 204;
});

router.get('/debug/env', (ctx) => {
  ctx.body = process.env;
  //         ^^^^^^^^^^^ code-sensitive-data-in-response
});

module.exports = router;
