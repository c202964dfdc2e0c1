// Test code: its keys and passwords are fixtures, only real key shapes are reported.
const jwt = require('jsonwebtoken');
const secret = 'test-secret'; // ok: code-hardcoded-secret
const token = jwt.sign({ sub: 1 }, 'secret'); // ok: code-hardcoded-secret
const password = 'hunter2hunter2'; // ok: code-hardcoded-secret
const leaked = 'AKIAIOSFODNN7EXAMPLF';
//             ^^^^^^^^^^^^^^^^^^^^^^ code-hardcoded-secret
module.exports = { token, secret, password, leaked };
