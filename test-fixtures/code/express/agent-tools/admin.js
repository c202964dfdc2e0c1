async function deleteAllUsers() {
  return { deleted: true };
}

async function listUsers() {
  return [];
}

module.exports = { deleteAllUsers, listUsers };
