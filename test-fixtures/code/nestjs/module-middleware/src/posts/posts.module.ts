import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AuthMiddleware } from '../auth/auth.middleware';
import { DraftsController, PostsController } from './posts.controller';

@Module({ controllers: [PostsController, DraftsController] })
export class PostsModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer
      .apply(AuthMiddleware)
      .exclude({ path: 'posts/:id/preview', method: RequestMethod.POST })
      .forRoutes({ path: 'posts', method: RequestMethod.POST }, { path: 'posts/:id', method: RequestMethod.DELETE }, 'posts/:id/*');
    consumer.apply(AuthMiddleware).forRoutes(DraftsController);
  }
}
