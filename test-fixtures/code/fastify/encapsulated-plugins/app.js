'use strict'
// fastify-cli style app: a plugin module registering feature plugins with prefixes; the auth hook is a
// decoration made in a fastify-plugin (so it is visible to every plugin), added where it is needed.
const fp = require('fastify-plugin')

async function decorations (fastify) {
  fastify.register(require('@fastify/jwt'), { secret: process.env.JWT_SECRET })
  fastify.decorate('requireUser', async function (request, reply) {
    try {
      await request.jwtVerify()
    } catch (err) {
      reply.code(401).send({ error: 'unauthorized' })
    }
  })
}

module.exports = async function (fastify, opts) {
  fastify
    .register(fp(decorations))
    .register(require('./accounts'), { prefix: '/api/accounts' })
    .register(require('./notes'), { prefix: '/api/notes' })
}
