const jwt = require('jsonwebtoken');

function requireUser(req, res, next) {
  try {
    req.user = jwt.verify(req.headers.authorization, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'] });
    next();
  } catch {
    res.sendStatus(401);
  }
}

module.exports = { requireUser };
