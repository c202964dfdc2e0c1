// Registered under /users; every route in this plugin runs fastify.authenticate first.
import type { FastifyInstance } from 'fastify';
import { db } from '../db';

export default async function userRoutes(fastify: FastifyInstance) {
  fastify.addHook('onRequest', fastify.authenticate);

  fastify.get('/:id', async (request: any) => { // ok: code-route-without-auth
    return db.user.findUnique({ where: { id: request.params.id } });
    //             ^^^^^^^^^^ code-object-lookup-without-ownership
    //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ code-sensitive-data-in-response
  });

  fastify.post('/me/avatar-from-url', async (request: any) => {
    const { url } = request.body;
    const image = await fetch(url);
    //                        ^^^ code-ssrf
    await db.user.update({ where: { id: request.user.id }, data: { avatar: await image.arrayBuffer() } }); // ok: code-mass-assignment
    return { ok: true };
  });
}
