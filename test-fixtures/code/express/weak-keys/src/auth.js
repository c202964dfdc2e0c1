// Short and guessable signing keys are the worst keys, not harmless placeholders: every literal in a signing-key
// position is reported, whatever its length or entropy.
const express = require('express');
const jwt = require('jsonwebtoken');
const session = require('express-session');

const app = express();
const jwtSecret = process.env.JWT_SECRET || 'secret';
//                                          ^^^^^^^^ code-hardcoded-secret
app.use(session({ secret: 'dev', resave: false }));
//                        ^^^^^ code-hardcoded-secret
const sessionName = 'sid'; // ok: code-hardcoded-secret
const tokenHeader = 'Authorization'; // ok: code-hardcoded-secret

app.post('/login', (req, res) => { // expect: code-missing-rate-limit
  res.json({ token: jwt.sign({ sub: req.body.user }, 'key') });
  //                                                 ^^^^^ code-hardcoded-secret
});

app.get('/me', (req, res) => {
  const claims = jwt.verify(req.headers.authorization, jwtSecret, { algorithms: ['HS256'] }); // ok: code-hardcoded-secret
  res.json(claims);
});

// The name of the variable to read, not the key itself.
const keyVariable = { secret: 'JWT_SECRET_KEY' }; // ok: code-hardcoded-secret

module.exports = { app, keyVariable };
