import { Body, Controller, Delete, Get, Param, Post, Req } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { UsersService } from './users.service';

export class CreateUserDto {
  email!: string;
  name!: string;
}

@Controller('users')
export class UsersController {
  constructor(private readonly usersService: UsersService) {}

  @Get(':id')
  findOne(@Param('id') id: string) { // ok: code-route-without-auth
    return this.usersService.findOne(id);
    //                       ^^^^^^^ code-object-lookup-without-ownership
  }

  @Get('me/profile')
  profile(@Req() req: any) {
    return this.usersService.findOne(req.user.sub); // ok: code-object-lookup-without-ownership
  }

  @Post()
  create(@Body() dto: CreateUserDto) {
    return this.usersService.create(dto); // ok: code-mass-assignment
  }

  @Post('import')
  importRaw(@Body() body: any) {
    return this.usersService.create(body);
    //                       ^^^^^^ code-mass-assignment
  }

  @Public()
  @Post('login')
// ^^^^^^^^^^^^^ code-missing-rate-limit
  login(@Body() dto: CreateUserDto) { // ok: code-route-without-auth
    return { ok: true };
  }

  @Public()
  @Delete('admin/purge')
// ^^^^^^^^^^^^^^^^^^^^^ code-route-without-auth
  purge() {
    return this.usersService.purge();
  }
}
