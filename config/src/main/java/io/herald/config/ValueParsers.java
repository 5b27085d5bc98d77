package io.herald.config;

import io.herald.core.InvalidFieldException;
import io.herald.core.Labels;

/** Converters shared by {@link Section}'s default methods and its implementation. */
final class ValueParsers {
    static final String LABEL_RULE = "must be one DNS label (letters, digits and inner hyphens, 1-63 characters)";

    private ValueParsers() {}

    static String label(String text) {
        try {
            return Labels.label("value", text);
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException(LABEL_RULE, e);
        }
    }
}
