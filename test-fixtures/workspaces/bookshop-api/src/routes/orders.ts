import { Router } from 'express';
import { requireAuth, type AuthenticatedRequest } from '../middleware/auth';
import { db } from '../db';

export const orders = Router();

orders.post('/orders', requireAuth, async (req: AuthenticatedRequest, res) => {
  const order = await db.orders.create({ customerId: req.customerId!, items: req.body.items });
  res.status(201).json(order);
});

orders.get('/orders/:orderId', requireAuth, async (req: AuthenticatedRequest, res) => {
  const order = await db.orders.findOne({ id: req.params.orderId, customerId: req.customerId! });
  if (!order) return res.status(404).end();
  res.json(order);
});
