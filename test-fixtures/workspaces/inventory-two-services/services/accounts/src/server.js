const express = require('express');

const app = express();

app.get('/users/:id', (req, res) => { // ok: xref-shadow-endpoint
  res.json({ id: req.params.id });
});

app.get('/health', (_req, res) => { // ok: xref-shadow-endpoint
  res.json({ ok: true });
});

app.listen(3000);
