package io.herald.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A method and a path template such as {@code /v1/services/{env}/{service}}; a {@code {name}} segment matches
 * any one non-empty segment and is handed to the handler as a parameter.
 */
record Route(String method, String template, List<String> parts, Handler handler) {

    Route(String method, String template, Handler handler) {
        this(method, template, PathSegments.split(template), handler);
    }

    /** The parameters when {@code segments} fit the template, else null. */
    Map<String, String> match(List<String> segments) {
        if (parts.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String segment = segments.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                if (segment.isEmpty()) {
                    return null;
                }
                params.put(part.substring(1, part.length() - 1), segment);
            } else if (!part.equals(segment)) {
                return null;
            }
        }
        return params;
    }
}
