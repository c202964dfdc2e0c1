// Mounted under /api behind requireAuth (see app.ts): every route here is authenticated.
import { Router } from 'express';
import { db } from '../db';

const router = Router();

router.get('/orders', async (req, res) => { // ok: code-route-without-auth
  const orders = await db.order.findMany({ where: { ownerId: (req as any).user.sub } });
  res.json(orders);
});

router.get('/orders/:id', async (req, res) => {
  const order = await db.order.findUnique({ where: { id: req.params.id } });
  //                           ^^^^^^^^^^ code-object-lookup-without-ownership
  res.json(order);
});

router.get('/orders/:id/invoice', async (req, res) => {
  const invoice = await db.invoice.findFirst({ where: { orderId: req.params.id, customerId: (req as any).user.sub } }); // ok: code-object-lookup-without-ownership
  res.json({ total: invoice?.total });
});

router.post('/orders', async (req, res) => {
  const order = await db.order.create({ data: req.body });
  //                           ^^^^^^ code-mass-assignment
  res.status(201).json({ id: order.id });
});

router.patch('/orders/:id', async (req, res) => {
  const { note } = req.body;
  await db.order.updateMany({ where: { id: req.params.id, ownerId: (req as any).user.sub }, data: { note } }); // ok: code-mass-assignment
  res.sendStatus(204);
});

export default router;
