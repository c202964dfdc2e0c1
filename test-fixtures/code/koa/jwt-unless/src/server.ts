// koa-jwt applied app-wide between two router mounts, with paths it skips (`.unless`): routers mounted before
// it are open, routers after it authenticated except the skipped paths.
import Koa from 'koa';
import jwt from 'koa-jwt';
import { openRouter } from './openRoutes';
import { apiRouter } from './apiRoutes';

const app = new Koa();

app.use(openRouter.routes()).use(openRouter.allowedMethods());

app.use(jwt({ secret: process.env.JWT_SECRET as string }).unless({ path: [/^\/swagger-/, '/reports/shared'] }));

app.use(apiRouter.routes()).use(apiRouter.allowedMethods());

app.listen(3000);
