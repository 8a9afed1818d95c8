package org.x2go.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.x2go.testkit.internal.SessionStore;

/**
 * The sessions a {@link FakeX2GoServer} holds, and what other clients (or the server itself) do to
 * them. Snapshots are immutable; every method is thread-safe.
 */
public final class FakeSessions {
    private final SessionStore store;
    private final String clientIp;

    FakeSessions(SessionStore store, String clientIp) {
        this.store = store;
        this.clientIp = clientIp;
    }

    /** @return every session, finished ({@code F}) ones included, in creation order */
    public List<FakeSession> all() {
        return store.all();
    }

    /**
     * @return what {@code x2golistsessions} would list now (R and S, suspended first); like the real
     *         script this reconciles an agent that suspended itself with the database
     */
    public List<FakeSession> listed() {
        return store.listed();
    }

    /**
     * @param name a session name
     * @return the session, if the server ever had it
     */
    public Optional<FakeSession> find(String name) {
        return store.find(name);
    }

    /**
     * @param name a session name
     * @return the session
     * @throws IllegalArgumentException naming the session when it is unknown
     */
    public FakeSession get(String name) {
        return store.find(name).orElseThrow(() -> new IllegalArgumentException(
                "no session named '" + name + "'; known: " + all().stream().map(FakeSession::name).toList()));
    }

    /**
     * Another client starts a session and attaches a proxy to it: the session is listed as R.
     *
     * @param type    type letter ({@code R} rootless, {@code D} desktop, ...)
     * @param command the command (part of the name)
     * @return the new session
     */
    public FakeSession startExternally(char type, String command) {
        FakeSession s = store.start(type, command, 24, clientIp);
        store.setExternally(s.name(), true);
        return get(s.name());
    }

    /**
     * Another client suspends the session (as {@code x2gosuspend-session} from elsewhere).
     *
     * @param name the session
     * @throws IllegalArgumentException naming the session when it is unknown
     */
    public void suspendExternally(String name) {
        store.requireKnown(name);
        store.suspend(name);
    }

    /**
     * Another client resumes the session and attaches its own proxy (R, RUNNING). A proxy of ours
     * attached to the session is dropped.
     *
     * @param name the session
     * @throws IllegalArgumentException naming the session when it is unknown or finished
     */
    public void resumeExternally(String name) {
        store.setExternally(name, true);
    }

    /**
     * Another client terminates the session.
     *
     * @param name the session
     * @throws IllegalArgumentException naming the session when it is unknown
     */
    public void terminateExternally(String name) {
        store.requireKnown(name);
        store.terminate(name);
    }

    /**
     * The session's command exited: x2goruncommand kills the agent and the session is {@code F}
     * (real-server README §8 #13).
     *
     * @param name the session
     * @throws IllegalArgumentException naming the session when it is unknown
     */
    public void commandExited(String name) {
        store.requireKnown(name);
        store.terminate(name);
    }

    /** Deletes finished sessions, freeing their display numbers (what x2gocleansessions does). */
    public void purgeFinished() {
        store.purgeFinished();
    }

    /**
     * Waits for a session's agent to reach a state.
     *
     * @param name    the session
     * @param state   the state
     * @param timeout how long to wait
     * @return the session in that state
     * @throws AssertionError on timeout, naming the last state seen
     * @throws InterruptedException when interrupted
     */
    public FakeSession awaitAgentState(String name, AgentState state, Duration timeout) throws InterruptedException {
        return store.await(name, s -> s.agentState() == state, "agent state " + state, timeout);
    }

    /**
     * Waits for the first session (any name) whose agent reaches a state.
     *
     * @param state   the state
     * @param timeout how long to wait
     * @return that session
     * @throws AssertionError on timeout
     * @throws InterruptedException when interrupted
     */
    public FakeSession awaitAnyInState(AgentState state, Duration timeout) throws InterruptedException {
        return store.awaitAny(s -> s.agentState() == state, timeout);
    }

    /**
     * Waits for a session to satisfy a condition.
     *
     * @param name      the session
     * @param condition the condition
     * @param timeout   how long to wait
     * @return the first snapshot that satisfies it
     * @throws AssertionError on timeout, naming the last state seen
     * @throws InterruptedException when interrupted
     */
    public FakeSession await(String name, java.util.function.Predicate<FakeSession> condition, Duration timeout)
            throws InterruptedException {
        return store.await(name, condition, "the expected condition", timeout);
    }

    /**
     * Waits until any session (by name or not) satisfies a condition.
     *
     * @param condition the condition
     * @param timeout   how long to wait
     * @return the first matching session
     * @throws AssertionError on timeout, listing the sessions
     * @throws InterruptedException when interrupted
     */
    public FakeSession awaitAny(java.util.function.Predicate<FakeSession> condition, Duration timeout)
            throws InterruptedException {
        return store.awaitAny(condition, timeout);
    }

    /**
     * Waits until a session has a proxy connection open (attached through the graphics port).
     *
     * @param name    the session
     * @param timeout how long to wait
     * @return the session
     * @throws AssertionError on timeout
     * @throws InterruptedException when interrupted
     */
    public FakeSession awaitProxyAttached(String name, Duration timeout) throws InterruptedException {
        return store.await(name, FakeSession::proxyAttached, "an attached proxy", timeout);
    }
}
