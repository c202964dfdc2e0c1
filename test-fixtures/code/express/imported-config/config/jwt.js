// JWT verification options shared by the auth middleware through CommonJS exports.
const jwtOptions = { algorithms: ['HS256', 'none'] };
exports.serviceOptions = { algorithms: ['RS256'], ignoreExpiration: true };
module.exports.strictOptions = { algorithms: ['RS256'] };
module.exports.jwtOptions = jwtOptions;
