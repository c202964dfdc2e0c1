import express from 'express';
import { requireLogin } from './auth';
import { retrieveBasket } from './routes/basket';
import { uploadAvatarFromUrl, previewLink } from './routes/avatar';
import { askAssistant } from './routes/chat';

// Routes declared here, handlers in routes/: findings about a handler's body land in its own file.
const app = express();
app.use(express.json());

app.get('/api/baskets/:id', requireLogin, retrieveBasket());
app.post('/api/profile/avatar-url', requireLogin, uploadAvatarFromUrl());
app.post('/api/links/preview', requireLogin, previewLink);
app.post('/api/assistant', requireLogin, askAssistant); // expect: code-missing-rate-limit

app.listen(3000);
