/** @module An Alpaca-style error response (`{code, message}` with an HTTP status) raised by the server's routes. */

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (message: string): HttpError => new HttpError(404, 40410000, message);
export const invalid = (message: string): HttpError => new HttpError(422, 40010001, message);
