package io.herald.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayOutputStream;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Reads a request body up to a limit. A declared Content-Length over the limit is refused before any byte is
 * read; a chunked body is refused as soon as the running total passes the limit, so memory stays bounded.
 */
final class BodyReader {
    private BodyReader() {}

    static Mono<byte[]> read(HttpServerRequest request, int limit) {
        String declared = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null && declaredOver(declared, limit)) {
            return Mono.error(new PayloadTooLargeException(limit));
        }
        // asByteArray copies each buffer before Reactor Netty releases it, so nothing here owns a ByteBuf.
        return request.receive().asByteArray()
                .collect(() -> new LimitedBuffer(limit), LimitedBuffer::append)
                .map(LimitedBuffer::toByteArray);
    }

    private static boolean declaredOver(String declared, int limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Netty's decoder rejects malformed lengths itself
        }
    }

    private static final class LimitedBuffer {
        private final int limit;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        LimitedBuffer(int limit) {
            this.limit = limit;
        }

        void append(byte[] chunk) {
            if (out.size() + chunk.length > limit) {
                throw new PayloadTooLargeException(limit);
            }
            out.writeBytes(chunk);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
