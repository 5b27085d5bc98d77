package io.herald.core;

import java.util.Locale;
import java.util.regex.Pattern;

/** Validation of the names that become DNS labels: services, environments, instance ids and tags. */
public final class Labels {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Labels() {}

    /**
     * Lower-cases {@code value} and checks that it is one DNS label (RFC 1123: letters, digits, inner hyphens,
     * at most 63 characters). Throws naming {@code field} so the caller can pass the error straight to a user.
     */
    public static String label(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidFieldException(field, "is required");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!LABEL.matcher(lower).matches()) {
            throw new InvalidFieldException(field,
                    "must be one DNS label (letters, digits and inner hyphens, 1-63 characters), got '" + value + "'");
        }
        return lower;
    }

    public static boolean isLabel(String value) {
        return value != null && LABEL.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }
}
