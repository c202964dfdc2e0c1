// Auth comes from the module's consumer.apply(AuthMiddleware).forRoutes(...), matched by path and method.
import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { CurrentUser, Viewer } from '../auth/decorators';

@Controller('posts')
export class PostsController {
  @Get() // ok: code-route-without-auth
  list(@Viewer() viewer: unknown) {
    return [];
  }

  @Post() // ok: code-route-without-auth
  create(@CurrentUser() user: unknown, @Body() body: { title: string }) {
    return { title: body.title };
  }

  // only DELETE posts/:id is bound to AuthMiddleware: the read of the same path is deliberately open
  @Get(':id') // ok: code-route-without-auth
  show(@Param('id') id: string) {
    return { id };
  }

  @Delete(':id') // ok: code-route-without-auth
  remove(@Param('id') id: string) {
    return { removed: true };
  }

  @Put(':id') // expect: code-route-without-auth
  update(@CurrentUser() user: unknown, @Body() body: { title: string }) {
    return { title: body.title };
  }

  @Post(':id/comments') // ok: code-route-without-auth
  comment(@Body() body: { text: string }) {
    return { text: body.text };
  }

  @Post(':id/preview') // expect: code-route-without-auth
  preview(@Body() body: { text: string }) {
    return { text: body.text };
  }
}

@Controller('drafts')
export class DraftsController {
  @Post() // ok: code-route-without-auth
  create(@Body() body: { title: string }) {
    return { title: body.title };
  }
}
