package com.example.thinclient;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.BackendKind;
import org.x2go.api.TerminalParams;
import org.x2go.client.X2GoClient;
import org.x2go.testkit.FakeX2GoServerExtension;

/**
 * What a project that declares only the BOM and x2go-client gets: the default backends arrive
 * transitively and a client works end to end against the testkit's fake server.
 */
class OneDependencyClientTest {
    @RegisterExtension
    final FakeX2GoServerExtension x2go = FakeX2GoServerExtension.perTest();

    @TempDir
    Path sessionsRoot;

    @Test
    void theDefaultBackendsArriveWithTheClientAlone() {
        try (X2GoClient client = X2GoClient.builder().graphics(false).sessionsRoot(sessionsRoot).build()) {
            Map<BackendKind, String> backends = client.describeBackends();
            // each entry reads "NAME (provider class)"
            assertName(backends, BackendKind.CONTROL, "PLAIN");
            assertName(backends, BackendKind.TERMINAL, "PLAIN");
            assertName(backends, BackendKind.LIST, "PLAIN");
            assertName(backends, BackendKind.SSH, "JSCH");
            assertName(backends, BackendKind.PROXY, "NX3");
            assertName(backends, BackendKind.SETTINGS, "FILE");
            assertName(backends, BackendKind.PROFILES, "FILE");
            assertName(backends, BackendKind.PRINTING, "FILE");
        }
    }

    @Test
    void startsListsAndTerminatesASessionOnTheFakeServer() {
        try (X2GoClient client = X2GoClient.builder().graphics(false).sessionsRoot(sessionsRoot).build()) {
            String profile = client.connect("fake", x2go.connectOptions());
            assertTrue(client.listSessions(profile).sessions().isEmpty(), "a fresh server has no sessions");

            UUID uuid = client.startSession(profile, TerminalParams.builder().command("xterm").build());
            String name = client.summary(uuid).orElseThrow().sessionName();
            assertTrue(client.listSessions(profile).byName(name).isPresent(), "the server lists " + name);

            client.terminateSession(uuid);
            assertTrue(client.listSessions(profile).byName(name).isEmpty(), "terminated: no longer listed");
            assertTrue(x2go.receivedCommands().stream().anyMatch(c -> c.contains("x2goterminate-session")),
                    "the terminate reached the server: " + List.copyOf(x2go.receivedCommands()));
        }
    }

    private static void assertName(Map<BackendKind, String> backends, BackendKind kind, String name) {
        String described = backends.get(kind);
        assertTrue(described != null && described.startsWith(name + " ("),
                kind + " should be " + name + " but is " + described);
    }
}
