import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';

// Verifies the bearer token when one is sent, lets anonymous callers through: optional auth.
export const Viewer = createParamDecorator((data: unknown, ctx: ExecutionContext) => {
  const req = ctx.switchToHttp().getRequest();
  const token = req.headers.authorization ? req.headers.authorization.split(' ')[1] : undefined;
  if (token) return jwt.verify(token, process.env.JWT_SECRET as string, { algorithms: ['HS256'] });
  return undefined;
});

// Only reads what a middleware or guard set: not authentication by itself.
export const CurrentUser = createParamDecorator((data: unknown, ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest().user;
});
