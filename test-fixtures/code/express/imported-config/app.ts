// Options imported from other modules of the project: each is judged by the value written where it is defined.
import express from 'express';
import cors from 'cors';
import defaultCors, { corsOptions, partnerCors, legacyCors } from './config/cors';

const app = express();
app.use(cors(corsOptions));
//           ^^^^^^^^^^^ code-cors-any-origin-with-credentials
app.use('/partners', cors(partnerCors)); // ok: code-cors-any-origin-with-credentials
app.use('/legacy', cors(legacyCors));
//                      ^^^^^^^^^^ code-cors-any-origin-with-credentials
app.use('/widgets', cors(defaultCors));
//                       ^^^^^^^^^^^ code-cors-any-origin-with-credentials

export default app;
