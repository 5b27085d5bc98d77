package io.herald.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.ConfigException;
import io.herald.config.Section;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpConfigTest {

    @Test
    void defaultsAreLoopbackAnd8500() {
        MapSection root = new MapSection("", Map.of(), new ArrayList<>());

        HttpConfig c = HttpConfig.from(root);

        assertThat(c.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8500);
        assertThat(root.read).containsExactly("http.address=127.0.0.1", "http.port=8500");
    }

    @Test
    void readsHttpAddressAndPort() {
        HttpConfig c = HttpConfig.from(new MapSection("", Map.of("http.address", "::1", "http.port", "18500"),
                new ArrayList<>()));

        assertThat(c.address().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(c.port()).isEqualTo(18500);
    }

    @Test
    void sectionErrorsPassThroughNamingTheKey() {
        MapSection root = new MapSection("", Map.of("http.port", "99999"), new ArrayList<>());

        assertThatThrownBy(() -> HttpConfig.from(root))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("http.port: ");
    }

    @Test
    void recordIsValidatedWhenBuilt() {
        assertThatThrownBy(() -> new HttpConfig(InetAddress.getLoopbackAddress(), 65536))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("http.port: ");
        assertThatThrownBy(() -> new HttpConfig(null, 8500))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("http.address: ");
    }

    @Test
    void apiListensWhereConfigured() {
        try (ApiFixture f = new ApiFixture()) {
            assertThat(f.api.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(f.api.port()).isPositive();
        }
    }

    @Test
    void busyPortFailsNamingTheKeys() {
        try (ApiFixture f = new ApiFixture()) {
            HttpConfig taken = new HttpConfig(InetAddress.getLoopbackAddress(), f.api.port());

            assertThatThrownBy(() -> HttpApi.start(taken, f.store, f.registry, HttpApi.Hooks.none()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("http.address/http.port: cannot listen on ")
                    .hasMessageContaining(Integer.toString(f.api.port()));
            assertThat(f.registry.find(io.herald.core.MetricNames.INSTANCES).gauges())
                    .as("the running API keeps its gauges").hasSize(3);
        }
    }

    /** A flat key=value section: enough of the config layer to check which keys and defaults HttpConfig uses. */
    static final class MapSection implements Section {
        private final String path;
        private final Map<String, String> values;
        final List<String> read;

        MapSection(String path, Map<String, String> values, List<String> read) {
            this.path = path;
            this.values = values;
            this.read = read;
        }

        private String full(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private String raw(String key, String def) {
            String v = values.getOrDefault(full(key), def);
            read.add(full(key) + "=" + v);
            return v;
        }

        @Override public String path() { return path; }
        @Override public Section section(String name) { return new MapSection(full(name), values, read); }
        @Override public Set<String> keys() {
            Set<String> keys = new LinkedHashSet<>();
            String prefix = path.isEmpty() ? "" : path + ".";
            values.keySet().stream().filter(k -> k.startsWith(prefix))
                    .forEach(k -> keys.add(k.substring(prefix.length()).split("\\.")[0]));
            return keys;
        }
        @Override public boolean has(String key) { return keys().contains(key); }
        @Override public String string(String key, String def, String doc) { return raw(key, def); }
        @Override public String requiredString(String key, String doc) {
            String v = raw(key, null);
            if (v == null) {
                throw error(key, "is required (" + doc + ")");
            }
            return v;
        }
        @Override public int integer(String key, int def, int min, int max, String doc) {
            return (int) longValue(key, def, min, max, doc);
        }
        @Override public long longValue(String key, long def, long min, long max, String doc) {
            String v = raw(key, Long.toString(def));
            try {
                long n = Long.parseLong(v);
                if (n < min || n > max) {
                    throw error(key, "must be an integer from " + min + " to " + max + ", got '" + v + "'");
                }
                return n;
            } catch (NumberFormatException e) {
                throw error(key, "must be an integer from " + min + " to " + max + ", got '" + v + "'");
            }
        }
        @Override public boolean bool(String key, boolean def, String doc) {
            return Boolean.parseBoolean(raw(key, Boolean.toString(def)));
        }
        @Override public Duration duration(String key, Duration def, Duration min, Duration max, String doc) {
            String v = raw(key, null);
            return v == null ? def : Duration.ofSeconds(Long.parseLong(v));
        }
        @Override public InetAddress address(String key, String def, String doc) {
            String v = raw(key, def);
            try {
                return Registration.address(v);
            } catch (IllegalArgumentException e) {
                throw error(key, "must be an IP literal, got '" + v + "'");
            }
        }
        @Override public List<String> strings(String key, List<String> def, String doc) {
            String v = raw(key, null);
            return v == null ? def : Arrays.asList(v.split(","));
        }
        @Override public List<Section> list(String key, String doc) { return List.of(); }
        @Override public String oneOf(String key, String def, List<String> allowed, String doc) {
            String v = raw(key, def);
            if (!allowed.contains(v)) {
                throw error(key, "must be one of " + allowed + ", got '" + v + "'");
            }
            return v;
        }
    }
}
