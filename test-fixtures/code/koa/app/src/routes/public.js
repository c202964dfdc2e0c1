const Router = require('@koa/router');

const router = new Router({ prefix: '/public' });

router.get('/ping', (ctx) => { // ok: code-route-without-auth
  ctx.body = { pong: true };
});

router.post('/signup', async (ctx) => { // ok: code-route-without-auth
//          ^^^^^^^^^ code-missing-rate-limit
  ctx.status = 201;
});

module.exports = router;
