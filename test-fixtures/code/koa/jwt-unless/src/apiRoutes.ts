// koa-swagger-decorator's SwaggerRouter is a koa-router; swagger() serves /swagger-json and /swagger-html.
import { SwaggerRouter } from 'koa-swagger-decorator';

const apiRouter = new SwaggerRouter();

apiRouter.delete('/projects/:id', async (ctx) => { // ok: code-route-without-auth
  ctx.status = 204;
});

apiRouter.post('/reports/shared', async (ctx) => { // expect: code-route-without-auth
  ctx.status = 202;
});

apiRouter.swagger({ title: 'API', version: '1.0.0' }); // ok: code-route-without-auth

export { apiRouter };
