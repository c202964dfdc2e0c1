// CORS options kept in their own module and imported by the app: judged where they are passed, named with this line.
export const corsOptions = { origin: true, credentials: true };

export const partnerCors = { origin: ['https://partner.example.com'], credentials: true };

const base = { origin: '*', credentials: true };
export const legacyCors = base;

export default { origin: true, credentials: true };
