// The options the admin middleware reads, gathered into one CommonJS object.
const adminOptions = { algorithms: ['ES256'] };
const debugOptions = { algorithms: ['none'] };
module.exports = { adminOptions, debugOptions };
