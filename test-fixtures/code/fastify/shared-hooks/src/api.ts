// The API server: the fastify-plugin auth hook is registered on the app, so every plugin after it is covered.
import Fastify from 'fastify';
import auth from './plugins/auth';
import projects from './routes/projects';

const app = Fastify();
app.register(auth);
app.register(projects, { prefix: '/api' });
app.listen({ port: 3000 });
