package org.x2go.testkit.internal;

import java.time.Clock;
import java.util.Map;

import org.x2go.testkit.FakeSessions;
import org.x2go.testkit.ServerBehaviour;

/** Placeholder. */
public final class X2GoCommands implements AutoCloseable {
    /** @param user u @param clock c @param behaviour b @param files f */
    public X2GoCommands(String user, Clock clock, ServerBehaviour behaviour, FakeFiles files) {
    }

    /** @return handlers */
    public Map<String, FakeShell.Handler> handlers() {
        return Map.of();
    }

    /** @return sessions */
    public FakeSessions sessions() {
        return null;
    }

    @Override
    public void close() {
    }
}
