import Router from '@koa/router';

const openRouter = new Router();

openRouter.get('/', async (ctx) => { // ok: code-route-without-auth
  ctx.body = 'hello';
});

openRouter.post('/feedback', async (ctx) => { // expect: code-route-without-auth
  ctx.status = 202;
});

export { openRouter };
