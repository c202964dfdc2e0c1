module.exports = { Invoice: {} };
