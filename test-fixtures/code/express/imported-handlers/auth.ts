import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export function requireLogin(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace('Bearer ', '');
  if (!token) return res.status(401).end();
  try {
    (req as any).user = jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'] });
    next();
  } catch {
    res.status(401).end();
  }
}
