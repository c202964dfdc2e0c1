import { Router } from 'express';
import auth from './auth';

const router = Router();

router.get('/tags', auth.optional, (req, res) => {
  res.json({ tags: [] });
});

export default router;
