import { Router } from 'express';
import { requireAuth, requireRole } from '../middleware/auth';
import { banAccount, eraseAccount, listAccounts, refundOrder, setAccountRole, wholeDatabaseCsv } from '../services';

const router = Router();

// The admin's list: signed in and with the admin role.
router.get('/admin/users', requireAuth, requireRole('admin'), async (req, res) => { // ok: code-admin-route-without-role
  res.json(await listAccounts());
});

// Forgot the role: any signed-in user may ban anyone.
router.post('/admin/users/:id/ban', requireAuth, async (req, res) => { // expect: code-admin-route-without-role
  res.json(await banAccount(req.params.id));
});

// Changing another user's role, signed in only.
router.put('/users/:id/role', requireAuth, async (req, res) => { // expect: code-admin-route-without-role
  res.json(await setAccountRole(req.params.id, req.body.role));
});

// A check at the top of the handler counts as a role check.
router.delete('/users/:id', requireAuth, async (req, res) => { // ok: code-admin-route-without-role
  if (!(req as any).user.isAdmin) return res.status(403).json({ error: 'admins only' });
  res.json(await eraseAccount(req.params.id));
});

router.post('/orders/:orderId/refund', requireAuth, requireRole('support', 'admin'), async (req, res) => { // ok: code-admin-route-without-role
  res.json(await refundOrder(req.params.orderId));
});

router.get('/reports/export', requireAuth, async (req, res) => { // expect: code-admin-route-without-role
  res.send(await wholeDatabaseCsv());
});

// The caller's own account is not user management.
router.delete('/users/me', requireAuth, async (req, res) => { // ok: code-admin-route-without-role
  res.json(await eraseAccount((req as any).user.sub));
});

// Not authenticated at all: that is code-route-without-auth's finding, not this rule's.
router.post('/admin/reindex', async (req, res) => { // expect: code-route-without-auth
// ok: code-admin-route-without-role
  res.json(await listAccounts());
});

export default router;
