'use strict'
// Imports nothing from Fastify: a plugin module. The hook is added inside a nested, encapsulated register(),
// so only the routes inside it run it.

module.exports = async function (fastify, opts) {
  fastify.get('/status', { schema: { response: { 200: { type: 'object' } } } }, status) // ok: code-route-without-auth
  fastify.post('/transfer', transfer) // expect: code-route-without-auth

  fastify.register(async function (fastify) {
    fastify.addHook('preHandler', fastify.requireUser)
    fastify.get('/me', me) // ok: code-route-without-auth
    fastify.post('/:accountId/close', close) // ok: code-route-without-auth
  })
}

async function status (req, reply) {
  return { up: true }
}

async function transfer (req, reply) {
  return { queued: true }
}

async function me (req, reply) {
  return { id: req.user.id }
}

async function close (req, reply) {
  return { closed: true }
}
