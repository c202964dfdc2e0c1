import { Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { AdminGuard, Roles, RolesGuard } from '../auth/roles';
import { AccountsService } from './accounts.service';

@Controller('admin')
@UseGuards(JwtAuthGuard, RolesGuard)
export class AdminController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('users') // ok: code-admin-route-without-role
  @Roles('admin')
  list() {
    return this.accounts.names();
  }

  // RolesGuard runs, but this route declares no roles: every signed-in user gets through.
  @Post('users/:id/ban') // expect: code-admin-route-without-role
  ban(@Param('id') id: string) {
    return this.accounts.ban(id);
  }

  @Delete('users/:id') // ok: code-admin-route-without-role
  @UseGuards(AdminGuard)
  remove(@Param('id') id: string) {
    return this.accounts.erase(id);
  }
}

@Controller('accounts')
@UseGuards(JwtAuthGuard)
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post(':id/roles') // expect: code-admin-route-without-role
  grant(@Param('id') id: string) {
    return this.accounts.grantAdmin(id);
  }
}

// Not authenticated at all: code-route-without-auth reports it, not this rule.
@Controller('reports')
export class ReportsController {
  @Get('admin/export') // expect: code-route-without-auth
  // ok: code-admin-route-without-role
  exportAll() {
    return { rows: 0 };
  }
}
