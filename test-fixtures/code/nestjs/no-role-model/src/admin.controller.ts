// Every signed-in user of this internal tool may administer it: the project has no role model at all.
import { Controller, Delete, Param, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

@Controller('admin')
@UseGuards(AuthGuard('jwt'))
export class AdminController {
  @Delete('users/:id') // ok: code-admin-route-without-role
  remove(@Param('id') id: string) {
    return { id };
  }
}
