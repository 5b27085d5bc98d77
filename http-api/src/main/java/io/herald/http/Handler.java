package io.herald.http;

import reactor.core.publisher.Mono;

/** Answers one route. Errors it signals are turned into JSON replies by {@link HttpApi}. */
@FunctionalInterface
interface Handler {
    Mono<Reply> handle(Call call);
}
