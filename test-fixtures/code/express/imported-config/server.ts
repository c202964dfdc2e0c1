// CORS options read through a namespace import of the config module.
import express from 'express';
import cors from 'cors';
import * as corsConfig from './config/cors';

const server = express();
server.use(cors(corsConfig.corsOptions));
//              ^^^^^^^^^^^^^^^^^^^^^^ code-cors-any-origin-with-credentials
server.use('/partners', cors(corsConfig.partnerCors)); // ok: code-cors-any-origin-with-credentials

export default server;
