import type { FastifyInstance } from 'fastify';

export default async function projects(fastify: FastifyInstance) {
  fastify.delete('/projects/:id', async (request, reply) => { // ok: code-route-without-auth
    reply.code(204);
  });
}
