import express from 'express';
import { requireAuth } from './middleware/auth';
import { orders } from './routes/orders';
import { db } from './db';

const app = express();
app.use(express.json({ limit: '100kb' }));

app.get('/healthz', (_req, res) => {
  res.json({ ok: true });
});

app.use('/v1', orders);

app.get('/v1/admin/orders/export', async (_req, res) => {
  const all = await db.orders.all();
  res.type('text/csv').send(all.map((o) => `${o.id},${o.customerId},${o.status}`).join('\n'));
});

app.delete('/v1/customers/:customerId', requireAuth, async (req, res) => {
  await db.customers.remove(req.params.customerId);
  res.status(204).end();
});

app.listen(Number(process.env.PORT ?? 3000));
