// Koa app: the public router is mounted before koa-jwt, the API router after it — order decides.
const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const cors = require('@koa/cors');
const jwt = require('koa-jwt');
const publicRouter = require('./routes/public');
const apiRouter = require('./routes/api');

const app = new Koa();
app.use(bodyParser());
app.use(cors({ credentials: true }));
//                          ^^^^ code-cors-any-origin-with-credentials
app.use(publicRouter.routes());
app.use(jwt({ secret: process.env.JWT_SECRET }));
app.use(apiRouter.routes()).use(apiRouter.allowedMethods());

module.exports = app;
