// Mounted under /admin WITHOUT requireAuth; its own middleware only decodes the token.
import express from 'express';
import { decodeUser } from '../middleware/auth';
import { db } from '../db';

const router = express.Router();
router.use(decodeUser);

router.get('/users', async (req, res) => {
//         ^^^^^^^^ code-route-without-auth
  const users = await db.user.findMany({ select: { id: true, email: true } });
  res.json(users);
});

router.post('/users/:id/role', async (req, res) => {
//          ^^^^^^^^^^^^^^^^^ code-route-without-auth
  await db.user.update({ where: { id: req.params.id }, data: { role: req.body.role } }); // ok: code-mass-assignment
  res.sendStatus(204);
});

export default router;
