package io.herald.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.herald.core.Health;
import io.herald.core.InvalidFieldException;
import io.herald.core.cluster.Member;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Cluster members and TTL check heartbeats: both answered by hooks the application supplies. */
final class ClusterRoutes {
    static final int MAX_CHECK_ID_LENGTH = 256;
    static final int MAX_NOTE_LENGTH = 4096;

    private final Supplier<List<Member>> members;
    private final CheckUpdater checks;

    ClusterRoutes(Supplier<List<Member>> members, CheckUpdater checks) {
        this.members = members;
        this.checks = checks;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/v1/members", this::members),
                new Route("PUT", "/v1/checks/{id}/pass", call -> check(call, Health.PASSING)),
                new Route("PUT", "/v1/checks/{id}/warn", call -> check(call, Health.WARNING)),
                new Route("PUT", "/v1/checks/{id}/fail", call -> check(call, Health.CRITICAL)));
    }

    private Mono<Reply> members(Call call) {
        if (members == null) {
            return Mono.just(Reply.ok(Json.MAPPER.createArrayNode()));
        }
        // The supplier belongs to the membership layer; keep whatever it does off the event loop.
        return Mono.fromCallable(members::get)
                .subscribeOn(Schedulers.boundedElastic())
                .map(list -> {
                    ArrayNode out = Json.MAPPER.createArrayNode();
                    list.stream()
                            .sorted(java.util.Comparator.comparing(Member::name))
                            .forEach(m -> out.addObject()
                                    .put("name", m.name())
                                    .put("address", m.address())
                                    .put("state", m.state().name().toLowerCase(Locale.ROOT))
                                    .put("instances", m.instanceCount())
                                    .put("local", m.local()));
                    return Reply.ok(out);
                });
    }

    private Mono<Reply> check(Call call, Health status) {
        String id = checkId(call.param("id"));
        if (checks == null) {
            return Mono.just(unknownCheck(id));
        }
        return call.body()
                .defaultIfEmpty(new byte[0])
                .map(ClusterRoutes::note)
                .publishOn(Schedulers.boundedElastic())
                .map(note -> checks.update(id, status.wireName(), note)
                        ? Reply.ok(Json.MAPPER.createObjectNode().put("check", id).put("status", status.wireName()))
                        : unknownCheck(id));
    }

    private static Reply unknownCheck(String id) {
        return Reply.error(404, "no TTL check with id '" + id + "' on this node");
    }

    private static String checkId(String id) {
        if (id.length() > MAX_CHECK_ID_LENGTH) {
            throw new InvalidFieldException("id", "check ids are at most " + MAX_CHECK_ID_LENGTH + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                throw new InvalidFieldException("id", "check ids must not contain control characters");
            }
        }
        return id;
    }

    private static String note(byte[] body) {
        String note = new String(body, StandardCharsets.UTF_8).trim();
        if (note.length() > MAX_NOTE_LENGTH) {
            throw new InvalidFieldException("note", "at most " + MAX_NOTE_LENGTH + " characters, got " + note.length());
        }
        return note;
    }
}
