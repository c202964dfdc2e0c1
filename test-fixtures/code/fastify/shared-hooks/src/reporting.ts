// The reporting server: the audit hook lives in an encapsulated plugin, which leaves its siblings unprotected.
import Fastify from 'fastify';
import audit from './plugins/audit';
import reports from './routes/reports';

const app = Fastify();
app.register(audit);
app.register(reports, { prefix: '/reporting' });
app.listen({ port: 3001 });
