package io.herald.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Start-up failures: a clear message and a non-zero exit, never a half-started server. */
class MainTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void captureStderr() {
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(savedErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badValueNamesTheKeyAndExitsTwo() {
        assertThat(Main.run(new String[] {"--dns-port", "seventy"}, Map.of())).isEqualTo(2);
        assertThat(stderr()).contains("dns.port").contains("seventy").contains("--dns-port");
    }

    @Test
    void unknownFlagIsAnError() {
        assertThat(Main.run(new String[] {"--dns-prot", "53"}, Map.of())).isEqualTo(2);
        assertThat(stderr()).contains("--dns-prot");
    }

    @Test
    void badEnvironmentVariableNamesTheVariable() {
        assertThat(Main.run(new String[0], Map.of("HERALD_HTTP_ADDRESS", "localhost"))).isEqualTo(2);
        assertThat(stderr()).contains("http.address").contains("HERALD_HTTP_ADDRESS");
    }

    @Test
    void takenDnsPortExitsOneWithAClearMessage() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            int code = Main.run(new String[] {"--dns-port", String.valueOf(port), "--http-port", "0",
                    "--forward-enabled", "false"}, Map.of());
            assertThat(code).isEqualTo(1);
            assertThat(stderr()).contains("dns.address/dns.port").contains("already in use").contains("--dns-port");
        }
    }
}
