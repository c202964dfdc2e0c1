import express from 'express';
import { requireAuth } from './auth';
import { users } from './routes/users';
import { orders } from './routes/orders';

const app = express();
app.use(express.json());

app.use('/api', users);
app.use('/api', orders);

// documented as public (security: []), served behind auth: info
app.get('/api/status', requireAuth, (_req, res) => { // expect: xref-auth-mismatch
  res.json({ ok: true });
});

// documented as public and served as public
app.get('/api/catalog', (_req, res) => { // ok: xref-auth-mismatch, xref-shadow-endpoint
  res.json([]);
});

// CORS preflights are not part of the documented API
app.options('/api/*', (_req, res) => { // ok: xref-shadow-endpoint
  res.sendStatus(204);
});

app.listen(3000);
