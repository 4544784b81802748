import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError, errorBody } from '../errors';

/**
 * Serves the built web app (`dist/web`). The app routes on the client, so any path that is not a
 * file and not under `/api/` gets index.html; hashed assets are cached for good.
 */
export async function serveWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  const indexHtml = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  app.get(
    '/*',
    { config: { access: { permission: 'public', scope: 'none' } }, schema: { hide: true } },
    async (request, reply) => {
      const url = request.url.split('?')[0] ?? '/';
      if (url.startsWith('/api/')) {
        return reply.status(404).send(errorBody(new AppError('NOT_FOUND'), request.language));
      }
      const file = path.join(webDir, path.normalize(url));
      if (
        file.startsWith(webDir) &&
        url !== '/' &&
        fs.existsSync(file) &&
        fs.statSync(file).isFile()
      ) {
        if (url.startsWith('/assets/'))
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        return reply.sendFile(path.relative(webDir, file));
      }
      reply.header('cache-control', 'no-cache');
      return reply.type('text/html').send(indexHtml);
    },
  );
}
