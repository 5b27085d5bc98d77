package io.herald.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The config file as a tree of maps, lists and scalars, each with the 1-based line it starts on. */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    int line();

    /** How the value reads in an error message: the scalar text, or "a map" / "a list". */
    String describe();

    /** A scalar as written (YAML tags are not applied, so "0x10" or "yes" stay text); null text for YAML null. */
    record Scalar(String text, int line) implements YamlNode {
        @Override
        public String describe() {
            return text == null ? "" : text;
        }
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A map in file order; each entry remembers whether Herald read it, for the unknown-key check. */
    record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
        static Mapping empty() {
            return new Mapping(new LinkedHashMap<>(), 1);
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    final class Entry {
        final String key;
        final int line;
        final YamlNode value;
        volatile boolean read;

        Entry(String key, int line, YamlNode value) {
            this.key = key;
            this.line = line;
            this.value = value;
        }
    }
}
