package org.x2go.testkit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeX2GoServer} outside JUnit:
 * {@code java -jar x2go-fake-server.jar --port P --user NAME --authorized-keys FILE [--host-key FILE]
 * [--password PW] [--hostname NAME]}. Prints {@code READY <port>} on stdout once listening (and the
 * known_hosts line on stderr), then runs until killed.
 */
public final class FakeServerMain {

    private FakeServerMain() {
    }

    /**
     * @param args command line, see the class description
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        FakeX2GoServer server;
        try {
            server = parse(args).build();
        } catch (IllegalArgumentException e) {
            System.err.println("x2go-fake-server: " + e.getMessage());
            System.err.println("usage: java -jar x2go-fake-server.jar --port P --user NAME --authorized-keys FILE"
                    + " [--host-key FILE] [--password PW] [--hostname NAME]");
            System.exit(2);
            return;
        }
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "x2go-fake-server-shutdown"));
        System.err.println(server.knownHostsLine());
        PrintStream out = System.out;
        out.println("READY " + server.port());
        out.flush();
        stopped.await();
    }

    static FakeX2GoServer.Builder parse(String[] args) {
        FakeX2GoServer.Builder b = FakeX2GoServer.builder();
        boolean user = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--port" -> {
                    try {
                        b.port(Integer.parseInt(v));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port needs a number, got '" + v + "'");
                    }
                }
                case "--user" -> {
                    b.user(v);
                    user = true;
                }
                case "--authorized-keys" -> b.authorizedKeys(Path.of(v));
                case "--host-key" -> b.hostKeyFile(Path.of(v));
                case "--password" -> b.password(v);
                case "--hostname" -> b.hostname(v);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (!user) {
            throw new IllegalArgumentException("--user is required");
        }
        return b;
    }
}
