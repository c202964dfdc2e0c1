export async function listAccounts() {
  return [];
}
export async function banAccount(id: string) {
  return { id, banned: true };
}
export async function setAccountRole(id: string, role: string) {
  return { id, role };
}
export async function eraseAccount(id: string) {
  return { id };
}
export async function refundOrder(id: string) {
  return { id };
}
export async function wholeDatabaseCsv() {
  return '';
}
