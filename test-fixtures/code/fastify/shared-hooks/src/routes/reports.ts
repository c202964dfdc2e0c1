import type { FastifyInstance } from 'fastify';

export default async function reports(fastify: FastifyInstance) {
  fastify.post('/reports', async (request, reply) => { // expect: code-route-without-auth
    reply.code(202);
  });
}
