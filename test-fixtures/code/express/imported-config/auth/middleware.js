// Verification options destructured from require() of project modules.
const jwt = require('jsonwebtoken');
const { jwtOptions, serviceOptions, strictOptions } = require('../config/jwt');
const { adminOptions, debugOptions } = require('../config');

function requireUser(req, res, next) {
  req.user = jwt.verify(req.headers.authorization, process.env.JWT_KEY, jwtOptions);
  //                                                                    ^^^^^^^^^^ code-jwt-unsafe-verification
  next();
}

function requireService(req, res, next) {
  req.service = jwt.verify(req.headers['x-service-token'], process.env.SERVICE_KEY, serviceOptions);
  //                                                                                ^^^^^^^^^^^^^^ code-jwt-unsafe-verification
  next();
}

function requirePartner(req, res, next) {
  req.partner = jwt.verify(req.headers['x-partner-token'], process.env.PARTNER_KEY, strictOptions); // ok: code-jwt-unsafe-verification
  next();
}

function requireAdmin(req, res, next) {
  req.admin = jwt.verify(req.headers['x-admin-token'], process.env.ADMIN_KEY, adminOptions); // ok: code-jwt-unsafe-verification
  next();
}

function requireDebug(req, res, next) {
  req.debug = jwt.verify(req.headers['x-debug-token'], process.env.DEBUG_KEY, debugOptions);
  //                                                                          ^^^^^^^^^^^^ code-jwt-unsafe-verification
  next();
}

module.exports = { requireUser, requireService, requirePartner, requireAdmin, requireDebug };
