// The lookups happen in the injected service: the controller only passes the ids on.
import { Body, Controller, Delete, Param, Post, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ArticlesService } from './articles.service';

@Controller('articles')
@UseGuards(AuthGuard('jwt'))
export class ArticlesController {
  constructor(private readonly articlesService: ArticlesService) {}

  // looking the article up to comment on it is fine: anyone may comment
  @Post(':slug/comments')
  addComment(@Param('slug') slug: string, @Body('body') body: string) {
    return this.articlesService.addComment(slug, body, 0); // ok: code-object-lookup-without-ownership
  }

  // the comment is deleted by id without comparing its author
  @Delete(':slug/comments/:id')
  deleteComment(@Param('slug') slug: string, @Param('id') id: number) {
    return this.articlesService.deleteComment(slug, id); // expect: code-object-lookup-without-ownership
  }

  @Delete('comments/:id')
  deleteOwnComment(@Param('id') id: number, @Req() req: { user: { id: number } }) {
    return this.articlesService.deleteOwnComment(id, req.user.id); // ok: code-object-lookup-without-ownership
  }
}
