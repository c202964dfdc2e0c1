const { db } = require('../db');

async function updateUser(userId, changes) {
  return db.user.update({ where: { id: userId }, data: changes });
}

async function rename(userId, name) {
  return db.user.update({ where: { id: userId }, data: { name } });
}

module.exports = { updateUser, rename };
