import express from 'express';
import adminRoutes from './routes/admin';

const app = express();
app.use(express.json());
app.use('/api', adminRoutes);
app.listen(3000);
