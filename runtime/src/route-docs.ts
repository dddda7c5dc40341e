// Route schemas carry their documentation (OpenAPI summary/description/tags) next to validation.
declare module 'fastify' {
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: readonly string[];
  }
}

export {};
