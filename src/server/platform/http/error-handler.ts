import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorBody, type ErrorCode } from '../errors';
import type { Language } from '../i18n';
import { localiseValidationMessage } from '../validation-messages';
import { drainRequest } from './drain';

interface FieldIssue {
  path: string;
  message: string;
}

/** Turns zod issues into `{path, message}` pairs with dotted paths such as `body.lines.0.quantity`. */
function fieldIssues(error: FastifyError, language: Language): FieldIssue[] {
  const context = (error as { validationContext?: string }).validationContext ?? '';
  return (error.validation ?? []).map((issue) => {
    const raw = issue as unknown as {
      instancePath?: string;
      message?: string;
      params?: { issue?: { path?: PropertyKey[]; message?: string } };
    };
    const zodPath = raw.params?.issue?.path;
    const segments = zodPath
      ? zodPath.map(String)
      : (raw.instancePath ?? '').split('/').filter((s) => s.length > 0);
    return {
      path: [context, ...segments].filter((s) => s.length > 0).join('.'),
      message: localiseValidationMessage(
        raw.params?.issue?.message ?? raw.message ?? 'invalid',
        language,
      ),
    };
  });
}

function frameworkCode(error: FastifyError): ErrorCode | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'MALFORMED_JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      break;
  }
  if (error instanceof SyntaxError) return 'MALFORMED_JSON';
  if (error.statusCode === 429) return 'TOO_MANY_REQUESTS';
  if (error.statusCode === 413) return 'PAYLOAD_TOO_LARGE';
  if (error.statusCode === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (error.statusCode === 400) return 'VALIDATION_FAILED';
  if (error.statusCode === 404) return 'NOT_FOUND';
  return null;
}

/**
 * The one error handler: every failure leaves as `{"error":{"code","message","details"}}` in the
 * request's language. Unknown failures are logged with their stack and answered with a bare 500.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const language = request.language ?? 'zh-CN';
    if (error instanceof AppError) {
      return reply.status(error.status).send(errorBody(error, language));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const appError = new AppError('VALIDATION_FAILED', { details: fieldIssues(error, language) });
      return reply.status(400).send(errorBody(appError, language));
    }
    const code = frameworkCode(error);
    if (code) {
      // The client may still be sending the body: read it off first so it gets the answer.
      if (code === 'PAYLOAD_TOO_LARGE') await drainRequest(request.raw);
      const appError = new AppError(code);
      return reply.status(appError.status).send(errorBody(appError, language));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody(new AppError('INTERNAL'), language));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody(new AppError('NOT_FOUND'), request.language ?? 'zh-CN'));
  });
}
