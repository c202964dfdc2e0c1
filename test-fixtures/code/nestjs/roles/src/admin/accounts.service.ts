import { Injectable } from '@nestjs/common';

@Injectable()
export class AccountsService {
  names() {
    return ['ada'];
  }
  ban(id: string) {
    return { id };
  }
  erase(id: string) {
    return { id };
  }
  grantAdmin(id: string) {
    return { id };
  }
}
