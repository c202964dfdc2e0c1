// Express code that does the right thing (and one reviewed, suppressed exception; one that is not suppressed).
const express = require('express');
const cors = require('cors');
const https = require('node:https');
const rateLimit = require('express-rate-limit');

const app = express();
app.use(cors({ origin: ['https://app.example.com'], credentials: true })); // ok: code-cors-any-origin-with-credentials
app.use(cors()); // ok: code-cors-any-origin-with-credentials
app.use(rateLimit({ windowMs: 60_000, max: 100 }));

const agent = new https.Agent({ rejectUnauthorized: true, ca: process.env.CA_BUNDLE }); // ok: code-tls-verification-disabled

app.set('env', process.env.NODE_ENV); // ok: code-debug-mode-enabled

app.post('/login', (req, res) => res.json({ ok: Boolean(agent) })); // ok: code-missing-rate-limit

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'Internal error', requestId: req.id }); // ok: code-error-details-exposed
});

module.exports = app;

// A reviewed exception, suppressed in place with a reason:
// apiwarden-disable-next-line code-hardcoded-secret -- key of the local mock payment server, not a real secret
const MOCK_PAYMENT_SECRET = 'mock-payment-secret-123'; // ok: code-hardcoded-secret
const OTHER_SECRET = 'not-suppressed-secret-456';
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^ code-hardcoded-secret
module.exports.secrets = { MOCK_PAYMENT_SECRET, OTHER_SECRET };

// A suppression whose finding is gone (the secret moved to the environment) is reported, so it gets removed:
    // apiwarden-disable-next-line code-hardcoded-secret -- rotated to the vault in May
//  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ apiwarden-unused-suppression
const ROTATED_SECRET = process.env.ROTATED_SECRET; // ok: code-hardcoded-secret
module.exports.rotated = ROTATED_SECRET; // apiwarden-disable-line -- nothing to silence here
//                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ apiwarden-unused-suppression
