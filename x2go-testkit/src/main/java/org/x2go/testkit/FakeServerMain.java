package org.x2go.testkit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeX2GoServer} outside JUnit:
 * {@code java -jar x2go-fake-server.jar --port P --user NAME (--authorized-keys FILE | --password PW)
 * [--host-key FILE] [--hostname NAME]}. Prints {@code READY <port>} on stdout once listening (and the
 * known_hosts line on stderr), then runs until killed. {@code --help} prints the usage and exits 0.
 *
 * <p>It refuses to start (exit 2) without {@code --authorized-keys} or {@code --password}: the client key
 * the fake always generates lives in a temporary directory nobody outside the JVM is told about, so such a
 * server could not be logged into. Logs go through slf4j-simple (bundled in the jar) to stderr, level
 * {@code info} unless {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} says otherwise.
 */
public final class FakeServerMain {

    static final String USAGE = """
            usage: java -jar x2go-fake-server.jar --user NAME (--authorized-keys FILE | --password PW)
                          [--port P] [--host-key FILE] [--hostname NAME]
              --user NAME             the one account the fake serves (required)
              --authorized-keys FILE  OpenSSH public keys allowed to log in (Ed25519, ECDSA or RSA)
              --password PW           a password that logs in (at least one of these two is required)
              --port P                port on 127.0.0.1; 0 or left out picks a free one
              --host-key FILE         the server's host key (OpenSSH private key); generated if left out
              --hostname NAME         what `hostname` answers
              --help                  this text
            Prints "READY <port>" on stdout when listening and the known_hosts line on stderr;
            runs until killed.""";

    private FakeServerMain() {
    }

    /**
     * @param args command line, see the class description
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        configureLogging();
        FakeX2GoServer.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("x2go-fake-server: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (builder == null) {
            System.out.println(USAGE);
            return;
        }
        FakeX2GoServer server = builder.build();
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

    /** slf4j-simple's defaults for a program: info and up on stderr, MINA's chatter at warn. */
    static void configureLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "info"));
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.sshd",
                System.getProperty("org.slf4j.simpleLogger.log.org.apache.sshd", "warn"));
        if (System.getProperty("org.slf4j.simpleLogger.showDateTime") == null) {
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        }
    }

    /**
     * @param args the command line
     * @return the configured builder, or {@code null} when {@code --help} was asked for
     * @throws IllegalArgumentException naming the bad or missing option
     */
    static FakeX2GoServer.Builder parse(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return null;
            }
        }
        FakeX2GoServer.Builder b = FakeX2GoServer.builder();
        boolean user = false;
        boolean login = false;
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
                case "--authorized-keys" -> {
                    b.authorizedKeys(Path.of(v));
                    login = true;
                }
                case "--host-key" -> b.hostKeyFile(Path.of(v));
                case "--password" -> {
                    b.password(v);
                    login = true;
                }
                case "--hostname" -> b.hostname(v);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (!user) {
            throw new IllegalArgumentException("--user is required");
        }
        if (!login) {
            throw new IllegalArgumentException("no way to log in: give --authorized-keys FILE or --password PW");
        }
        return b;
    }
}
