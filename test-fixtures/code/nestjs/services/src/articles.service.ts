import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { Article, Comment } from './entities';

@Injectable()
export class ArticlesService {
  constructor(
    private readonly articleRepository: Repository<Article>,
    private readonly commentRepository: Repository<Comment>,
  ) {}

  async addComment(slug: string, body: string, authorId: number) {
    const article = await this.articleRepository.findOne({ where: { slug } });
    return this.commentRepository.save({ body, article, authorId });
  }

  async deleteComment(slug: string, id: number) {
    const comment = await this.commentRepository.findOne({ where: { id } });
    return this.commentRepository.remove(comment);
  }

  async deleteOwnComment(id: number, authorId: number) {
    return this.commentRepository.delete({ id, authorId });
  }
}
