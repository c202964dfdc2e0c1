'use strict'
// A plugin-wide onRequest hook; routes chained on the plugin's instance, options passed as a named schema object.

const listOptions = { schema: { querystring: { type: 'object' } } }

module.exports = async function (fastify) {
  fastify.addHook('onRequest', fastify.requireUser)

  fastify
    .get('/', listOptions, listNotes) // ok: code-route-without-auth
    .post('/', createNote) // ok: code-route-without-auth
}

async function listNotes (req, reply) {
  return []
}

async function createNote (req, reply) {
  reply.code(201)
  return { ok: true }
}
