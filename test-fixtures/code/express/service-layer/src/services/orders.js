// The data layer the handlers call: whether a lookup is tied to its caller is decided here.
const { db } = require('../db');

async function getOrder(orderId) {
  return db.order.findUnique({ where: { id: orderId } });
}

async function getOrderFor(orderId, ownerId) {
  return db.order.findFirst({ where: { id: orderId, ownerId } });
}

// a service that reaches the repository through another function
async function orderSummary(orderId) {
  const order = await getOrder(orderId);
  return { id: order.id, total: order.total };
}

async function listRecent(limit) {
  return db.order.findMany({ take: limit });
}

module.exports = { getOrder, getOrderFor, orderSummary, listRecent };
