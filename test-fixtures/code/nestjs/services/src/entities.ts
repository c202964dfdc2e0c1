export class Article {
  id!: number;
  slug!: string;
}

export class Comment {
  id!: number;
  body!: string;
  authorId!: number;
}
