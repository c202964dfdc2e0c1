// Login handlers: one tells an unknown account from a wrong password, one answers both the same way.
const express = require('express');
const rateLimit = require('express-rate-limit');
const bcrypt = require('bcrypt');
const { User } = require('./models');
const { logIn, logInQuietly } = require('./authService');

const app = express();
app.use(rateLimit({ windowMs: 60_000, max: 10 }));

app.post('/api/login', async (req, res) => { // expect: code-login-user-enumeration
  const user = await User.findOne({ email: req.body.email });
  if (!user) return res.status(404).json({ error: 'User not found' });
  if (!(await bcrypt.compare(req.body.password, user.hash))) return res.status(401).json({ error: 'Wrong password' });
  res.json({ token: user.issueToken() });
});

app.post('/api/v2/login', async (req, res) => { // ok: code-login-user-enumeration
  const user = await User.findOne({ email: req.body.email });
  if (!user || !(await bcrypt.compare(req.body.password, user.hash)))
    return res.status(401).json({ error: 'Invalid email or password' });
  res.json({ token: user.issueToken() });
});

// the service tells the two cases apart
app.post('/api/v3/login', async (req, res) => { // expect: code-login-user-enumeration
  try {
    res.json({ token: await logIn(req.body.email, req.body.password) });
  } catch (error) {
    // any error's text, a database failure's included
    res.status(401).json({ error: error.message }); // expect: code-error-details-exposed
  }
});

app.post('/api/v4/login', async (req, res) => { // ok: code-login-user-enumeration
  try {
    res.json({ token: await logInQuietly(req.body.email, req.body.password) });
  } catch (error) {
    // any error's text, a database failure's included
    res.status(401).json({ error: error.message }); // expect: code-error-details-exposed
  }
});

module.exports = app;
