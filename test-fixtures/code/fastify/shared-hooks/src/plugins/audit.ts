// Not wrapped: an encapsulated plugin, its hook runs only for routes registered inside it (there are none).
import type { FastifyInstance } from 'fastify';

export default async function audit(fastify: FastifyInstance) {
  fastify.addHook('onRequest', async (request) => {
    await request.jwtVerify();
  });
}
