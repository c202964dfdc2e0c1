import { Router } from 'express';
import { requireAuth, requireRole } from '../auth';

export const orders = Router();

// documented as secured (the document's bearerAuth), served with no auth
orders.get('/orders', async (_req, res) => { // expect: xref-auth-mismatch
  // ok: xref-zombie-endpoint
  res.json([]);
});

orders.get('/v1/orders', async (_req, res) => { // expect: xref-zombie-endpoint, xref-auth-mismatch
  res.json([]);
});

orders.get('/coupons', async (_req, res) => { // expect: xref-zombie-endpoint, xref-auth-mismatch
  res.json([]);
});

// a debugging route nobody documented
orders.get('/internal/debug/orders', async (_req, res) => { // expect: xref-shadow-endpoint
  res.json({ env: 'prod' });
});

// superseded by /v2/invoices and not deprecated in the spec
orders.get('/v1/invoices', requireAuth, requireRole('billing'), async (_req, res) => { // expect: xref-zombie-endpoint
  // ok: xref-auth-mismatch
  res.json([]);
});

// the spec demands the billing scope; the route only checks that the caller is signed in
orders.get('/v2/invoices', requireAuth, async (_req, res) => { // expect: xref-auth-mismatch
  // ok: xref-zombie-endpoint
  res.json([]);
});
