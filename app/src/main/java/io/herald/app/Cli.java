package io.herald.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Client commands against a running node's HTTP API, like {@code serf members}: {@code herald members} and
 * {@code herald services [--env E]}. Exit 0 on success, 1 when the node cannot be reached or answers an error.
 */
@Command(name = "herald", subcommands = {Cli.Members.class, Cli.Services.class}, mixinStandardHelpOptions = true,
        description = "Query a running Herald node.")
final class Cli {
    static final List<String> COMMANDS = List.of("members", "services");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {}

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** Where the node's API listens. */
    static class Target {
        @Option(names = "--http-addr", defaultValue = "${env:HERALD_HTTP_ADDR:-127.0.0.1:8500}",
                description = "the node's HTTP API, host:port (default: ${DEFAULT-VALUE}, env HERALD_HTTP_ADDR)")
        String httpAddr;

        JsonNode get(String path) throws Exception {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(
                    HttpRequest.newBuilder(URI.create("http://" + httpAddr + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + r.statusCode() + " " + body.path("error").asText());
            }
            return body;
        }
    }

    @Command(name = "members", description = "List the cluster's members: name, address, state, instances.")
    static final class Members implements Callable<Integer> {
        @CommandLine.Mixin
        Target target;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "ADDRESS", "STATE", "INSTANCES"});
            for (JsonNode m : target.get("/v1/members")) {
                rows.add(new String[] {m.path("name").asText() + (m.path("local").asBoolean() ? " (local)" : ""),
                        m.path("address").asText(), m.path("state").asText(), m.path("instances").asText()});
            }
            print(spec.commandLine().getOut(), rows);
            return 0;
        }
    }

    @Command(name = "services", description = "List services with their instance counts by health.")
    static final class Services implements Callable<Integer> {
        @CommandLine.Mixin
        Target target;

        @Option(names = "--env", description = "only this environment")
        String env;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Map<String, int[]> counts = new TreeMap<>();
            for (JsonNode i : target.get("/v1/catalog").path("instances")) {
                if (env != null && !env.equalsIgnoreCase(i.path("env").asText())) {
                    continue;
                }
                int[] c = counts.computeIfAbsent(i.path("env").asText() + "\t" + i.path("service").asText(), k -> new int[3]);
                switch (i.path("health").asText()) {
                    case "passing" -> c[0]++;
                    case "warning" -> c[1]++;
                    default -> c[2]++;
                }
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ENV", "SERVICE", "PASSING", "WARNING", "CRITICAL"});
            counts.forEach((k, c) -> {
                String[] es = k.split("\t");
                rows.add(new String[] {es[0], es[1], String.valueOf(c[0]), String.valueOf(c[1]), String.valueOf(c[2])});
            });
            print(spec.commandLine().getOut(), rows);
            return 0;
        }
    }

    static void print(PrintWriter out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }
}
