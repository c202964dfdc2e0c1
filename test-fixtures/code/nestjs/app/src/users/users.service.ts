import { Injectable } from '@nestjs/common';

@Injectable()
export class UsersService {
  findOne(id: string) {
    return { id };
  }
  create(data: unknown) {
    return data;
  }
  purge() {
    return true;
  }
}
