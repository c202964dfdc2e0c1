const { db } = require('../db');

async function updateUser(userId, changes) {
  return db.user.update({ where: { id: userId }, data: changes });
}

async function rename(userId, name) {
  return db.user.update({ where: { id: userId }, data: { name } });
}

async function findUser(userId) {
  return db.user.findUnique({ where: { id: userId } });
}

async function publicProfile(userId) {
  return db.user.findUnique({ where: { id: userId }, select: { id: true, name: true } });
}

module.exports = { updateUser, rename, findUser, publicProfile };
