import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

const PUBLIC_KEY = process.env.JWT_PUBLIC_KEY!;

/** Verifies the bearer token and puts its claims on req.user. */
export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = (req.headers.authorization ?? '').replace('Bearer ', '');
  try {
    (req as any).user = jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256'] });
    next();
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
}

/** Lets through only callers whose token carries one of the given roles. */
export function requireRole(...roles: string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = (req as any).user;
    if (!user || !roles.includes(user.role)) return res.status(403).json({ error: 'forbidden' });
    next();
  };
}
