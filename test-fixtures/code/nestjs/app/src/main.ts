import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api');
  app.enableCors({ origin: '*', credentials: true });
  //                       ^^^ code-cors-any-origin-with-credentials
  await app.listen(3000);
}
bootstrap();
