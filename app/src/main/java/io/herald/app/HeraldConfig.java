package io.herald.app;

import io.herald.config.LoadedConfig;
import io.herald.config.NodeConfig;
import io.herald.config.Section;
import io.herald.config.naming.NamingConfig;
import io.herald.config.naming.NamingSection;
import io.herald.dns.DnsConfig;
import io.herald.dns.forward.ForwardConfig;
import io.herald.gossip.ClusterConfig;
import io.herald.health.HealthConfig;
import io.herald.http.HttpConfig;
import io.herald.ttl.TtlConfig;
import java.util.List;

/**
 * Herald's whole configuration: one immutable record of every module's typed section, built and validated in
 * one pass over the layered sources (YAML file, HERALD_* environment, flags). Unknown keys fail the build.
 */
public record HeraldConfig(
        NodeConfig node,
        DnsConfig dns,
        ForwardConfig forward,
        HttpConfig http,
        NamingConfig naming,
        TtlConfig ttl,
        ClusterConfig cluster,
        HealthConfig health,
        List<ServiceSpecs.Spec> services,
        boolean demo) {

    public static HeraldConfig from(LoadedConfig loaded) {
        Section root = loaded.root();
        HeraldConfig config = new HeraldConfig(
                NodeConfig.from(root),
                DnsConfig.from(root),
                ForwardConfig.from(root),
                HttpConfig.from(root),
                NamingSection.from(root),
                TtlConfig.from(root),
                ClusterConfig.from(root),
                HealthConfig.from(root),
                ServiceSpecs.from(root),
                root.bool("demo", false, "register a demo catalogue (web in prod and staging) so dig has answers"));
        loaded.checkAllConsumed();
        return config;
    }
}
