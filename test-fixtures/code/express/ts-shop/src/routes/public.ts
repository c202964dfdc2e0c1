import { Router } from 'express';
import { db } from '../db';

const router = Router();

router.get('/status', (req, res) => res.json({ up: true })); // ok: code-route-without-auth

// Mounted under /public: deliberately public by name.
router.get('/products', async (req, res) => { // ok: code-route-without-auth
  res.json(await db.product.findMany());
});

router.get('/profile/:id', async (req, res) => { // ok: code-route-without-auth
  const user = await db.user.findUnique({ where: { id: req.params.id } });
  res.json(user);
  //       ^^^^ code-sensitive-data-in-response
});

export default router;
