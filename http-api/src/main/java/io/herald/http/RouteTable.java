package io.herald.http;

import io.herald.core.InvalidFieldException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Picks the route for a request. A path no route knows is 404; a known path with another method is 405 with an
 * {@code Allow} header, so clients learn which method to use instead of guessing.
 */
final class RouteTable {
    /** Metric label for paths no route knows; keeps the route tag's cardinality bounded. */
    static final String UNMATCHED = "unmatched";

    /** The chosen handler, its parameters, and the route label used in metrics. */
    record Dispatch(String route, Handler handler, Map<String, String> params) {}

    private final List<Route> routes;

    RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    Dispatch resolve(String method, String uri) {
        String rawPath = rawPath(uri);
        List<String> segments;
        try {
            segments = PathSegments.split(rawPath);
        } catch (InvalidFieldException e) {
            return fixed(UNMATCHED, Reply.error(400, e.getMessage()));
        }
        Set<String> allowed = new LinkedHashSet<>();
        String template = null;
        for (Route route : routes) {
            Map<String, String> params = route.match(segments);
            if (params == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Dispatch(route.template(), route.handler(), params);
            }
            allowed.add(route.method());
            template = route.template();
        }
        if (template != null) {
            String allow = String.join(", ", allowed);
            return fixed(template, Reply.error(405, "method " + method + " is not allowed on " + rawPath + "; use " + allow)
                    .withHeader("Allow", allow));
        }
        return fixed(UNMATCHED, Reply.error(404, "no such path: " + rawPath + "; see the API in the Herald README"));
    }

    private static Dispatch fixed(String route, Reply reply) {
        return new Dispatch(route, call -> Mono.just(reply), Map.of());
    }

    /** The path part of a request target, whether origin-form ({@code /a?b}) or absolute-form ({@code http://h/a}). */
    static String rawPath(String uri) {
        String p = uri;
        int scheme = p.indexOf("://");
        if (scheme > 0 && p.indexOf('/') > scheme) {
            int slash = p.indexOf('/', scheme + 3);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        int end = p.length();
        int q = p.indexOf('?');
        int f = p.indexOf('#');
        if (q >= 0) {
            end = q;
        }
        if (f >= 0 && f < end) {
            end = f;
        }
        p = p.substring(0, end);
        return p.isEmpty() ? "/" : p;
    }
}
