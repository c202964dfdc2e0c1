import jwt from 'jsonwebtoken';
import type { NextFunction, Request, Response } from 'express';

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace(/^Bearer /, '');
  if (!token) return res.status(401).json({ error: 'unauthenticated' });
  try {
    (req as Request & { user?: unknown }).user = jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'] });
    next();
  } catch {
    res.status(401).json({ error: 'unauthenticated' });
  }
}

/** Lets through only callers whose token carries the role. */
export function requireRole(role: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = (req as Request & { user?: { role?: string } }).user;
    if (!user || user.role !== role) return res.status(403).json({ error: 'forbidden' });
    next();
  };
}
