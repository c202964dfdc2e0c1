// Options held in module constants: the value model resolves them where they are used, and the message names the
// constant and its line.
const express = require('express');
const cors = require('cors');
const jwt = require('jsonwebtoken');

const app = express();
const corsOptions = { origin: true, credentials: true };
const verifyOptions = { algorithms: ['HS256', 'none'] };
const lenientOptions = { algorithms: ['HS256'], ignoreExpiration: true };
const strictOptions = { algorithms: ['RS256'] };
const publicCors = { origin: '*' };

app.use(cors(corsOptions));
//           ^^^^^^^^^^^ code-cors-any-origin-with-credentials
app.use('/public', cors(publicCors)); // ok: code-cors-any-origin-with-credentials

function requireUser(req, res, next) {
  req.user = jwt.verify(req.headers.authorization, process.env.JWT_KEY, verifyOptions);
  //                                                                    ^^^^^^^^^^^^^ code-jwt-unsafe-verification
  next();
}

function requireService(req, res, next) {
  req.service = jwt.verify(req.headers['x-service-token'], process.env.SERVICE_KEY, lenientOptions);
  //                                                                                ^^^^^^^^^^^^^^ code-jwt-unsafe-verification
  next();
}

function requireAdmin(req, res, next) {
  req.user = jwt.verify(req.headers.authorization, process.env.JWT_KEY, strictOptions); // ok: code-jwt-unsafe-verification
  next();
}

module.exports = { app, requireUser, requireService, requireAdmin };
