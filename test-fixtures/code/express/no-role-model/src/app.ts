// A small team tool: every signed-in user is trusted with everything, and nothing in the project checks a role.
import express from 'express';
import jwt from 'jsonwebtoken';

const app = express();

function requireAuth(req: express.Request, res: express.Response, next: express.NextFunction) {
  try {
    (req as any).user = jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET!, { algorithms: ['HS256'] });
    next();
  } catch {
    res.status(401).end();
  }
}

app.post('/admin/users/:id/ban', requireAuth, (req, res) => { // ok: code-admin-route-without-role
  res.json({ id: req.params.id, banned: true });
});

app.get('/export', requireAuth, (req, res) => { // ok: code-admin-route-without-role
  res.json({ rows: [] });
});

app.listen(3000);
