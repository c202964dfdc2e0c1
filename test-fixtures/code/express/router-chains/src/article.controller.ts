import { Router } from 'express';
import auth from './auth';

const router = Router();

router.get('/articles/feed', auth.required, (req, res) => {
  res.json({ articles: [] });
});

router.delete('/articles/:slug', (req, res) => { // expect: code-route-without-auth
  res.status(204).end();
});

export default router;
