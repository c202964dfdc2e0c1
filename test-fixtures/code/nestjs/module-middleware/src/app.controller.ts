import { Controller, Get } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';

@Controller()
export class AppController {
  // answers a constant and calls nothing: nothing to protect
  @Get() // ok: code-route-without-auth
  root(): string {
    return 'Hello World!';
  }

  // a public read: nothing in its path or handler says it needs protection (the inventory lists it as public)
  @Get('motd') // ok: code-route-without-auth
  motd() {
    return readMessageOfTheDay();
  }

  // kept out of the Swagger docs: hidden from readers, not from callers
  @ApiExcludeEndpoint()
  @Get('motd-drafts') // expect: code-route-without-auth
  drafts() {
    return readMessageOfTheDay();
  }

  // a read of configuration is worth protecting
  @Get('settings') // expect: code-route-without-auth
  settings() {
    return readMessageOfTheDay();
  }
}

function readMessageOfTheDay(): string {
  return 'hi';
}
