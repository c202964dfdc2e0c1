const express = require('express');
const jwt = require('jsonwebtoken');
const app = express();
app.use(express.json());

function requireAuth(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  try {
    req.user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
    next();
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
}

app.get('/health', (req, res) => res.json({ ok: true })); // ok: code-route-without-auth

app.delete('/users/:id', async (req, res) => {
//         ^^^^^^^^^^^^ code-route-without-auth
  res.sendStatus(204);
});

app.get('/me', requireAuth, (req, res) => res.json(req.user)); // ok: code-route-without-auth

app.get('/proxy', requireAuth, async (req, res) => {
  const target = req.query.url;
  const r = await fetch(target);
  //                    ^^^^^^ code-ssrf
  res.send(await r.text());
});
