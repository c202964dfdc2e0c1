import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export interface AuthenticatedRequest extends Request {
  customerId?: string;
}

/** Rejects requests without a valid bearer token; sets req.customerId. */
export function requireAuth(req: AuthenticatedRequest, res: Response, next: NextFunction): void {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  if (!token) {
    res.status(401).json({ error: 'missing bearer token' });
    return;
  }
  try {
    const claims = jwt.verify(token, process.env.JWT_PUBLIC_KEY ?? '', { algorithms: ['RS256'] }) as { sub: string };
    req.customerId = claims.sub;
    next();
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
}
