// Options read as members of a required module: `module.exports = { … }` objects and `exports.x` modules alike.
const jwt = require('jsonwebtoken');
const config = require('../config');
const jwtConfig = require('../config/jwt');

function requireDebugMember(req, res, next) {
  req.debug = jwt.verify(req.headers['x-debug-token'], process.env.DEBUG_KEY, config.debugOptions);
  //                                                                          ^^^^^^^^^^^^^^^^^^^ code-jwt-unsafe-verification
  next();
}

function requireAdminMember(req, res, next) {
  req.admin = jwt.verify(req.headers['x-admin-token'], process.env.ADMIN_KEY, config.adminOptions); // ok: code-jwt-unsafe-verification
  next();
}

function requireServiceMember(req, res, next) {
  req.service = jwt.verify(req.headers['x-service-token'], process.env.SERVICE_KEY, jwtConfig.serviceOptions);
  //                                                                                ^^^^^^^^^^^^^^^^^^^^^^^^ code-jwt-unsafe-verification
  next();
}

module.exports = { requireDebugMember, requireAdminMember, requireServiceMember };
