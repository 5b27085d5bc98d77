package io.herald.http;

/** A request body over the API's limit; answered with 413 before the rest is read. */
final class PayloadTooLargeException extends RuntimeException {
    PayloadTooLargeException(int limit) {
        super("body: larger than the limit of " + limit + " bytes; send fewer tags or less meta");
    }
}
