package io.herald.config.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameTemplateTest {

    @ParameterizedTest(name = "{0} for prod in {1}: suffix {2}, zone {3}")
    @CsvSource({
        "{service}.{env}.{domain}, service, .prod.service, service",
        "{service}-{env}.{domain}, service, -prod.service, service",
        "{service}.{env}-{domain}, service, .prod-service, prod-service",
        "{service}.{domain}, service, .service, service",
        "{service}.{env}.{domain}, svc.example, .prod.svc.example, svc.example",
        "{service}.{env}-{domain}, svc.example, .prod-svc.example, prod-svc.example",
        "{Service}.{ENV}.{Domain}, service, .prod.service, service"})
    void rendersSuffixAndZone(String template, String domain, String suffix, String zone) {
        NameSuffix s = NameTemplate.parse("t", template).render("prod", domain);
        assertThat(s.suffix()).isEqualTo(suffix);
        assertThat(s.zone()).isEqualTo(zone);
        assertThat(s.env()).isEqualTo("prod");
        assertThat(s.nameOf("web")).isEqualTo("web" + suffix);
    }

    @Test
    void srvNamesPutTheServicesFirstLabelUnderscoredBeforeTheProtocol() {
        assertThat(NameTemplate.parse("t", "{service}.{env}.{domain}").render("prod", "service").srvNameOf("web", "tcp"))
                .isEqualTo("_web._tcp.prod.service");
        assertThat(NameTemplate.parse("t", "{service}-{env}.{domain}").render("prod", "service").srvNameOf("web", "tcp"))
                .isEqualTo("_web-prod._tcp.service");
        assertThat(NameTemplate.parse("t", "{service}.{env}-{domain}").render("prod", "service").srvNameOf("web", "udp"))
                .isEqualTo("_web._udp.prod-service");
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', value = {
        "'' | a name template is required, e.g. {service}.{env}.{domain}",
        "{env}.{service}.{domain} | template '{env}.{service}.{domain}' must start with {service}",
        "{service}.{env} | template '{service}.{env}' must end with {domain}",
        "{service}{env}.{domain} | template '{service}{env}.{domain}' needs '.' or '-' right after {service}",
        "{service}.{service}.{domain} | template '{service}.{service}.{domain}' uses {service} more than once",
        "{service}..{domain} | template '{service}..{domain}' may contain only {service}, {env}, {domain}",
        "{service}.{env}_x.{domain} | template '{service}.{env}_x.{domain}' may contain only {service}, {env}, {domain}"})
    void rejectsMalformedTemplatesNamingTheKey(String text, String reason) {
        assertThatThrownBy(() -> NameTemplate.parse("naming.default[0]", text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("naming.default[0]: " + reason);
    }

    @Test
    void suffixOverlapMeansAServiceLabelCouldAbsorbTheDifference() {
        NameSuffix dashProd = NameTemplate.parse("t", "{service}-{env}.{domain}").render("prod", "service");
        NameSuffix bare = NameTemplate.parse("t", "{service}.{domain}").render("dev", "service");
        NameSuffix dotProd = NameTemplate.parse("t", "{service}.{env}.{domain}").render("prod", "service");
        assertThat(dashProd.overlaps(bare)).isTrue(); // "web-prod.service": web in prod, or web-prod in dev
        assertThat(bare.overlaps(dashProd)).isTrue();
        assertThat(dotProd.overlaps(bare)).isFalse(); // "web.prod" is not one label
        assertThat(dotProd.overlaps(dotProd)).isTrue();
    }
}
