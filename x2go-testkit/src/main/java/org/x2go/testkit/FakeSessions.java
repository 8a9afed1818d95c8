package org.x2go.testkit;

/** Placeholder, replaced below. */
public final class FakeSessions {
    FakeSessions() {
    }
}
