// Wrapped with fastify-plugin: not encapsulated, so its hook runs for every route of the scope that registers it.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

export default fp(async (fastify: FastifyInstance) => {
  fastify.addHook('onRequest', async (request) => {
    await request.jwtVerify();
  });
});
