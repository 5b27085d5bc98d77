package io.herald.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.core.Health;
import io.herald.core.InvalidFieldException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckSpecParsingTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void consulStyleHttpCheckWithDefaults() {
        CheckSpec s = CheckSpec.fromMap(Map.of("http", "http://127.0.0.1:8080/health", "interval", "2s"), "checks[0]");
        assertThat(s.kind()).isEqualTo(CheckKind.HTTP);
        assertThat(s.target()).isEqualTo(new HttpTarget("http://127.0.0.1:8080/health", false));
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.rise()).isEqualTo(2);
        assertThat(s.fall()).isEqualTo(3);
        assertThat(s.initial()).isEqualTo(Health.CRITICAL);
        assertThat(s.deregisterAfter()).isZero();
        assertThat(s.detectionTime()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void keysAreCaseInsensitiveAndConsulSpellingsWork() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("TCP", "10.0.0.5:5432");
        json.put("Interval", "1m30s");
        json.put("Timeout", 5);
        json.put("Status", "passing");
        json.put("DeregisterCriticalServiceAfter", "10m");
        json.put("Name", "postgres port");
        json.put("CheckID", "pg-port");
        json.put("rise", 1);
        json.put("fall", "4");
        CheckSpec s = CheckSpec.fromMap(json, "checks[0]");
        assertThat(s.target()).isEqualTo(new TcpTarget("10.0.0.5", 5432));
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.initial()).isEqualTo(Health.PASSING);
        assertThat(s.deregisterAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.id()).isEqualTo("pg-port");
        assertThat(s.rise()).isEqualTo(1);
        assertThat(s.fall()).isEqualTo(4);
    }

    @Test
    void argsExecAndTtlKinds() {
        assertThat(CheckSpec.fromMap(Map.of("args", List.of("/usr/bin/pg_isready", "-q")), "c").target())
                .isEqualTo(new ExecTarget(List.of("/usr/bin/pg_isready", "-q")));
        assertThat(CheckSpec.fromMap(Map.of("exec", "pg_isready -q"), "c").target())
                .isEqualTo(new ExecTarget(List.of("/bin/sh", "-c", "pg_isready -q")));
        assertThat(CheckSpec.fromMap(Map.of("ttl", "30s"), "c").target())
                .isEqualTo(new HeartbeatTarget(Duration.ofSeconds(30)));
        assertThat(CheckSpec.fromMap(Map.of("ttl", "30s"), "c").detectionTime()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void relativeTargetsResolveAgainstTheInstance() throws Exception {
        CheckSpec http = CheckSpec.fromMap(Map.of("http", "/health"), "c");
        assertThat(http.target().resolve(ip("10.1.2.3"), 8080))
                .isEqualTo(new HttpTarget("http://10.1.2.3:8080/health", false));
        assertThat(http.target().resolve(ip("fd00::5"), 8080))
                .isEqualTo(new HttpTarget("http://[fd00:0:0:0:0:0:0:5]:8080/health", false));
        assertThat(CheckSpec.fromMap(Map.of("tcp", true), "c").target().resolve(ip("10.1.2.3"), 5432))
                .isEqualTo(new TcpTarget("10.1.2.3", 5432));
        assertThat(CheckSpec.fromMap(Map.of("tcp", ":9000"), "c").target().resolve(ip("10.1.2.3"), 5432))
                .isEqualTo(new TcpTarget("10.1.2.3", 9000));
        assertThat(CheckSpec.fromMap(Map.of("args", List.of("check", "{address}", "{port}")), "c").target()
                .resolve(ip("10.1.2.3"), 5432)).isEqualTo(new ExecTarget(List.of("check", "10.1.2.3", "5432")));
        assertThatThrownBy(() -> CheckSpec.fromMap(Map.of("tcp", "true"), "c").target().resolve(ip("10.1.2.3"), 0))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("needs the instance to have a port");
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> CheckSpec.fromMap(Map.of("http", "/h", "interval", "soon"), "checks[2]"))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("checks[2].interval: must be a duration such as 250ms, 2s, 1m30s or 1h, got 'soon'");
        assertThatThrownBy(() -> CheckSpec.fromMap(Map.of("http", "ftp://x/"), "checks[0]"))
                .hasMessageStartingWith("checks[0].http: must be an http:// or https:// URL");
        assertThatThrownBy(() -> CheckSpec.fromMap(Map.of("tcp", "db.internal"), "checks[0]"))
                .hasMessageStartingWith("checks[0].tcp: must be host:port");
        assertThatThrownBy(() -> CheckSpec.fromMap(Map.of("tcp", "h:1", "intervl", "2s"), "checks[0]"))
                .hasMessageStartingWith("checks[0].intervl: unknown check key");
        assertThatThrownBy(() -> CheckSpec.fromMap(Map.of("interval", "2s"), "checks[0]"))
                .hasMessageStartingWith("checks[0].tcp: a check needs exactly one of tcp, http, args, exec or ttl");
        assertThatThrownBy(() -> CheckSpec.fromMap(Map.of("tcp", "h:1", "http", "/x"), "checks[0]"))
                .hasMessageContaining("both tcp and http");
        assertThatThrownBy(() -> CheckSpec.fromMap(Map.of("tcp", "h:1", "interval", "1s", "timeout", "3s"), "checks[0]"))
                .hasMessage("checks[0].timeout: 3s is longer than interval 1s; runs of a check never overlap, so raise "
                        + "interval or lower timeout");
        assertThatThrownBy(() -> CheckSpec.fromMap(Map.of("tcp", "h:1", "rise", 0), "checks[0]"))
                .hasMessage("checks[0].rise: must be between 1 and 100, got 0");
        assertThatThrownBy(() -> CheckSpec.fromMap(Map.of("tcp", "h:1", "status", "green"), "checks[0]"))
                .hasMessageStartingWith("checks[0].status: health must be one of passing, warning, critical");
        assertThatThrownBy(() -> CheckSpec.fromMap(Map.of("args", "pg_isready -q"), "checks[0]"))
                .hasMessageContaining("checks[0].args: must be a list").hasMessageContaining("use exec");
        assertThatThrownBy(() -> CheckSpec.fromMap(Map.of("ttl", "0s"), "checks[0]"))
                .hasMessageStartingWith("checks[0].ttl: must be a positive duration");
        assertThatThrownBy(() -> CheckSpec.fromMap(Map.of("tcp", "h:1", "id", "no spaces"), "checks[0]"))
                .hasMessageStartingWith("checks[0].id: must be 1-128 letters");
    }

    @Test
    void aShortIntervalShrinksTheDefaultTimeout() {
        CheckSpec s = CheckSpec.fromMap(Map.of("tcp", "h:1", "interval", "500ms"), "c");
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(CheckSpec.tcp("h", 1).withInterval(Duration.ofMillis(100)).timeout()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void registratorMetadata() throws Exception {
        Map<String, String> meta = Map.of("SERVICE_NAME", "web", "SERVICE_CHECK_HTTP", "/health",
                "SERVICE_CHECK_INTERVAL", "2s", "SERVICE_CHECK_TIMEOUT", "1s", "SERVICE_TAGS", "a,b");
        CheckSpec s = CheckSpec.fromContainerMeta(meta).orElseThrow();
        assertThat(s.target().resolve(ip("172.17.0.2"), 80)).isEqualTo(new HttpTarget("http://172.17.0.2:80/health", false));
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(1));

        CheckSpec https = CheckSpec.fromContainerMeta(Map.of("SERVICE_CHECK_HTTPS", "/ready",
                "SERVICE_CHECK_TLS_SKIP_VERIFY", "true")).orElseThrow();
        assertThat(https.target().resolve(ip("172.17.0.2"), 443)).isEqualTo(new HttpTarget("https://172.17.0.2:443/ready", true));

        assertThat(CheckSpec.fromContainerMeta(Map.of("SERVICE_CHECK_TCP", "true")).orElseThrow().target())
                .isEqualTo(TcpTarget.self());
        CheckSpec script = CheckSpec.fromContainerMeta(Map.of("SERVICE_CHECK_SCRIPT", "nc -z $SERVICE_IP $SERVICE_PORT"))
                .orElseThrow();
        assertThat(script.target().resolve(ip("172.17.0.2"), 6379))
                .isEqualTo(new ExecTarget(List.of("/bin/sh", "-c", "nc -z 172.17.0.2 6379")));
        assertThat(CheckSpec.fromContainerMeta(Map.of("SERVICE_CHECK_TTL", "15s")).orElseThrow().target())
                .isEqualTo(new HeartbeatTarget(Duration.ofSeconds(15)));
        assertThat(CheckSpec.fromContainerMeta(Map.of("SERVICE_NAME", "web"))).isEmpty();
    }

    @Test
    void registratorErrorsNameTheVariable() {
        assertThatThrownBy(() -> CheckSpec.fromContainerMeta(Map.of("SERVICE_CHECK_HTTP", "/h", "SERVICE_CHECK_INTERVAL", "fast")))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("SERVICE_CHECK_INTERVAL: must be a duration");
        assertThatThrownBy(() -> CheckSpec.fromContainerMeta(Map.of("SERVICE_CHECK_INTERVAL", "2s")))
                .hasMessageStartingWith("SERVICE_CHECK_INTERVAL: is set but no check is");
        assertThatThrownBy(() -> CheckSpec.fromContainerMeta(Map.of("SERVICE_CHECK_HTTP", "/h", "SERVICE_CHECK_INTERVALL", "2s")))
                .hasMessageStartingWith("SERVICE_CHECK_INTERVALL: unknown check setting");
        assertThatThrownBy(() -> CheckSpec.fromContainerMeta(Map.of("SERVICE_CHECK_HTTP", "/h", "SERVICE_CHECK_TCP", "true")))
                .hasMessageContaining("SERVICE_CHECK_");
        assertThatThrownBy(() -> CheckSpec.fromContainerMeta(Map.of("SERVICE_CHECK_TCP", "maybe")))
                .hasMessageStartingWith("SERVICE_CHECK_TCP: must be host:port");
    }
}
