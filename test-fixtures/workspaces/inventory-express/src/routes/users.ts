import { Router } from 'express';
import { requireAuth } from '../auth';

export const users = Router();
users.use(requireAuth);

users.get('/users', async (_req, res) => { // ok: xref-shadow-endpoint, xref-auth-mismatch
  res.json([{ id: '1', email: 'a@example.com' }]);
});

// /users/{userId} in the spec, :id here: the same endpoint
users.get('/users/:id', async (req, res) => { // ok: xref-shadow-endpoint, xref-method-mismatch
  res.json({
    id: req.params.id,
    email: 'a@example.com', // ok: xref-undocumented-sensitive-data
    ssn: '078-05-1120',
    // the spec's User schema has no such property
    passwordHash: req.app.locals.hash, // expect: xref-undocumented-sensitive-data
  });
});

// the spec documents only GET on /users/{userId}
users.delete('/users/:id', async (_req, res) => { // expect: xref-method-mismatch
  res.status(204).end();
});
