// The checks live in a service: its messages are what the login routes answer.
const bcrypt = require('bcrypt');
const { User } = require('./models');

class LoginError extends Error {}

async function logIn(email, password) {
  const user = await User.findOne({ email });
  if (!user) throw new LoginError('No account with that email');
  if (!(await bcrypt.compare(password, user.hash))) throw new LoginError('Password is incorrect');
  return user.issueToken();
}

async function logInQuietly(email, password) {
  const user = await User.findOne({ email });
  if (!user || !(await bcrypt.compare(password, user.hash))) throw new LoginError('Invalid email or password');
  return user.issueToken();
}

module.exports = { logIn, logInQuietly, LoginError };
