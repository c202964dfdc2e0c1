import { expressjwt as jwt } from 'express-jwt';

// express-jwt held in an object: auth.required rejects anonymous callers, auth.optional lets them through
const auth = {
  required: jwt({ secret: process.env.JWT_SECRET!, algorithms: ['HS256'] }),
  optional: jwt({ secret: process.env.JWT_SECRET!, algorithms: ['HS256'], credentialsRequired: false }),
};

export default auth;
