package io.herald.app;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.LoadedConfig;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar herald.jar [flags]}: runs a node. {@code --help} lists every setting with its default.
 * {@code herald members} and {@code herald services} query a running node instead (see {@link Cli}).
 * Exit codes: 0 stopped cleanly, 2 bad configuration, 1 could not start (e.g. a port is taken).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        if (args.length > 0 && Cli.COMMANDS.contains(args[0])) {
            return Cli.run(args, new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true));
        }
        LoadedConfig loaded;
        HeraldConfig config;
        try {
            loaded = ConfigLoader.load(args, env);
            if (loaded.helpRequested()) {
                LoadedConfig defaults = ConfigLoader.load(new String[0], Map.of());
                HeraldConfig.from(defaults);
                System.out.println(defaults.helpText());
                return 0;
            }
            if (loaded.versionRequested()) {
                System.out.println("herald " + version());
                return 0;
            }
            config = HeraldConfig.from(loaded);
        } catch (ConfigException e) {
            System.err.println("herald: configuration error: " + e.getMessage());
            return 2;
        }
        HeraldNode node;
        try {
            node = HeraldNode.start(config);
        } catch (RuntimeException e) {
            System.err.println("herald: could not start: " + describe(e));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "herald-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The servers name the key and address in their bind errors; add what to do about it. */
    static String describe(Throwable e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (msg.contains("cannot listen")) {
            return msg + "; stop the other process or choose another port (--dns-port, --http-port)";
        }
        return msg;
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
