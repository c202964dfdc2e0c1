import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

/** Verifies the bearer token and puts its claims on the request. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly jwt: JwtService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest();
    try {
      request.user = await this.jwt.verifyAsync(request.headers.authorization?.split(' ')[1]);
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }
}
