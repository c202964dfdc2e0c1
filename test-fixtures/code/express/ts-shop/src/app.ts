// The shop's Express app: mounts decide which routes are authenticated.
import express from 'express';
import cors from 'cors';
import rateLimit from 'express-rate-limit';
import { requireAuth } from './middleware/auth';
import publicRoutes from './routes/public';
import ordersRouter from './routes/orders';
import adminRouter from './routes/admin';
import authRouter from './routes/auth';
import { registerReportRoutes } from './routes/reports';

const app = express();
app.use(express.json());
app.use(cors({ origin: true, credentials: true }));
//                     ^^^^ code-cors-any-origin-with-credentials

app.use('/auth', rateLimit({ windowMs: 60_000, max: 10 }), authRouter);
app.use('/public', publicRoutes);
app.use('/api', requireAuth, ordersRouter);
app.use('/admin', adminRouter);
registerReportRoutes(app);

app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
  res.status(500).json({ message: 'Internal error', stack: err.stack });
  //                                                       ^^^^^^^^^ code-error-details-exposed
});

export default app;
