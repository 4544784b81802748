/**
 * The ceiling of this machine for the ordering benchmark: a bare Fastify route that parses the
 * same JSON body an order carries and sends it back — no auth, no rules, no database.
 * `PORT=18440 npx tsx bench/ordering/echo-server.ts`
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.put('/echo', async (request) => request.body);
await app.listen({ port: Number(process.env.PORT ?? 18440), host: '127.0.0.1' });
process.stdout.write('ready\n');
