// Fastify server: plugins registered with prefixes; auth is a hook inside each plugin that needs it.
import Fastify from 'fastify';
import cors from '@fastify/cors';
import authPlugin from './plugins/auth';
import userRoutes from './routes/users';
import adminRoutes from './routes/admin';

const app = Fastify({ logger: true });
app.register(cors, { origin: (origin, cb) => cb(null, true), credentials: true });
//                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ code-cors-any-origin-with-credentials
app.register(authPlugin);
app.register(userRoutes, { prefix: '/users' });
app.register(adminRoutes, { prefix: '/admin' });

app.post('/login', { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } }, async (request, reply) => { // ok: code-missing-rate-limit, code-route-without-auth
  return { token: 'issued' };
});

app.post('/password-reset', async (request) => { // ok: code-route-without-auth
//       ^^^^^^^^^^^^^^^^^ code-missing-rate-limit
  return { sent: true };
});

app.listen({ port: 3000 });
