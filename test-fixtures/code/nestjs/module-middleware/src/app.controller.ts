import { Controller, Get } from '@nestjs/common';

@Controller()
export class AppController {
  // answers a constant and calls nothing: nothing to protect
  @Get() // ok: code-route-without-auth
  root(): string {
    return 'Hello World!';
  }

  @Get('motd') // expect: code-route-without-auth
  motd() {
    return readMessageOfTheDay();
  }
}

function readMessageOfTheDay(): string {
  return 'hi';
}
