// Mounted under /auth with a rate limiter (see app.ts).
import { Router } from 'express';
import jwt from 'jsonwebtoken';
import bcrypt from 'bcryptjs';
import { db } from '../db';

const router = Router();
const SIGNING_KEY = process.env.JWT_SECRET || 'dev-signing-key-123';
//                                            ^^^^^^^^^^^^^^^^^^^^^ code-hardcoded-secret

router.post('/login', async (req, res) => { // ok: code-route-without-auth, code-missing-rate-limit
  const user = await db.user.findUnique({ where: { email: req.body.email } });
  if (!user || !(await bcrypt.compare(req.body.password, user.passwordHash))) return res.status(401).end();
  const token = jwt.sign({ sub: user.id }, SIGNING_KEY, { expiresIn: '15m' });
  res.json({ token, expiresIn: 900 }); // ok: code-sensitive-data-in-response
});

export default router;
