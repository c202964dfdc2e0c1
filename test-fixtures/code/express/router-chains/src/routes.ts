import { Router } from 'express';
import tags from './tag.controller';
import articles from './article.controller';

// routers chained with use() and a router made in the export: every route is under /api
const api = Router().use(tags).use(articles);

export default Router().use('/api', api);
