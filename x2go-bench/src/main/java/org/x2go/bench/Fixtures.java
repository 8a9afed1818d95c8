package org.x2go.bench;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.x2go.api.SessionList;
import org.x2go.backend.plain.PlainSessionListParser;
import org.x2go.registry.SessionRegistry;
import org.x2go.registry.StatusTarget;

/**
 * Builds the registries the workloads run on (WORKLOADS.md §4), always untimed. Every registry
 * delivers events on the calling thread ({@code Runnable::run}) to an {@link EventCounter}, so the
 * listener calls are part of the measured work, as python's hooks are.
 */
public final class Fixtures {

    /** The parser every workload uses: the PLAIN provider of x2go-backend-plain. */
    public static final PlainSessionListParser PARSER = new PlainSessionListParser();

    private Fixtures() {
    }

    /**
     * A registry with its counter and the fake control session of each profile.
     *
     * @param registry the registry
     * @param events   counts every event the registry fires
     * @param controls control session of profile p at index p (null where not attached)
     * @param uuids    UUID of fixture record i at index i
     */
    public record Fixture(SessionRegistry registry, EventCounter events, BenchControlSession[] controls,
                          List<UUID> uuids) {
    }

    /**
     * @param events the listener to add
     * @return a fresh registry on the system clock delivering on the calling thread
     */
    public static SessionRegistry newRegistry(EventCounter events) {
        SessionRegistry r = new SessionRegistry(Clock.systemUTC(), Runnable::run);
        r.addListener(events);
        return r;
    }

    /**
     * The W3 fixture (also W2's): for i = 0…n−1 a record of profile i mod 10 named
     * {@code sessionName(i)}, every profile connected through its fake control session, then the
     * W3 states: 50 % RUNNING, 30 % SUSPENDED, 20 % left CONNECTED (registered, status not yet
     * known). The states are set the registry's own way, with one forced status update per profile
     * listing the running and suspended sessions (the first update after connecting is silent).
     *
     * @param n the number of records
     * @return the fixture; no event was fired
     */
    public static Fixture w3(int n) {
        EventCounter events = new EventCounter();
        SessionRegistry reg = newRegistry(events);
        BenchControlSession[] controls = new BenchControlSession[Workloads.PROFILES];
        for (int p = 0; p < Workloads.PROFILES; p++) {
            controls[p] = new BenchControlSession(Workloads.serverName(p), SessionList.EMPTY);
            reg.attachControlSession(Workloads.profileId(p), Workloads.profileName(p), controls[p]);
        }
        List<UUID> uuids = new ArrayList<>(n);
        List<StringBuilder> lists = new ArrayList<>();
        for (int p = 0; p < Workloads.PROFILES; p++) {
            lists.add(new StringBuilder());
        }
        for (int i = 0; i < n; i++) {
            int p = i % Workloads.PROFILES;
            uuids.add(reg.register(Workloads.serverName(p), Workloads.profileId(p), Workloads.profileName(p),
                    Workloads.sessionName(i)));
            Workloads.W3State st = Workloads.W3State.of(i);
            if (st != Workloads.W3State.REGISTERED_ONLY) {
                lists.get(p).append(Workloads.line(i, st == Workloads.W3State.RUNNING ? "R" : "S",
                        Workloads.serverName(p))).append('\n');
            }
        }
        for (int p = 0; p < Workloads.PROFILES; p++) {
            SessionList l = PARSER.parse(lists.get(p).toString());
            controls[p].setSessions(l);
            reg.updateStatus(StatusTarget.profileId(Workloads.profileId(p)), l, true, false);
        }
        int running = 0;
        int suspended = 0;
        for (int i = 0; i < n; i++) {
            Workloads.W3State st = Workloads.W3State.of(i);
            running += st == Workloads.W3State.RUNNING ? 1 : 0;
            suspended += st == Workloads.W3State.SUSPENDED ? 1 : 0;
        }
        BenchCheckFailed.expect(reg.size() == n, "W3 fixture size " + reg.size() + " != " + n);
        BenchCheckFailed.expect(reg.runningSessions().size() == running && reg.suspendedSessions().size() == suspended,
                "W3 fixture states: running " + reg.runningSessions().size() + "/" + running + ", suspended "
                        + reg.suspendedSessions().size() + "/" + suspended);
        BenchCheckFailed.expect(events.total() == 0, "W3 fixture fired events " + events.snapshot());
        return new Fixture(reg, events, controls, List.copyOf(uuids));
    }

    /**
     * The W4 fixture: n records of profile 0 named {@code sessionName(i)}, connected, each marked
     * as started by this client ({@code markStarting}: python's virgin=false), then primed with a
     * forced status update with the W4-before list (all running). Java reports the priming update
     * as n STARTED events by this client (python's hooks stay silent there); they are checked and
     * the counter is reset, so the timed update starts from zero.
     *
     * @param n      the number of records
     * @param before the parsed W4-before list
     * @return the fixture, every record RUNNING, counter at zero
     */
    public static Fixture w4(int n, SessionList before) {
        EventCounter events = new EventCounter();
        SessionRegistry reg = newRegistry(events);
        BenchControlSession cs = new BenchControlSession(Workloads.serverName(0), before);
        String pid = Workloads.profileId(0);
        reg.attachControlSession(pid, Workloads.profileName(0), cs);
        List<UUID> uuids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            UUID u = reg.register(Workloads.serverName(0), pid, Workloads.profileName(0), Workloads.sessionName(i));
            reg.markStarting(u);
            uuids.add(u);
        }
        reg.updateStatus(StatusTarget.profileName(Workloads.profileName(0)), before, true, false);
        BenchCheckFailed.expect(reg.runningSessions().size() == n, "W4 priming: running "
                + reg.runningSessions().size() + " != " + n);
        BenchCheckFailed.expect(events.count(org.x2go.api.SessionEvent.Kind.STARTED) == n && events.total() == n,
                "W4 priming events " + events.snapshot());
        events.reset();
        return new Fixture(reg, events, new BenchControlSession[] {cs}, List.copyOf(uuids));
    }

    /**
     * The W5 fixture: one record of profile 0 registered without a session name, connected; profile
     * 0's fake server holds the given list.
     *
     * @param serverList the parsed W1-pattern list of n sessions
     * @return the fixture
     */
    public static Fixture w5(SessionList serverList) {
        EventCounter events = new EventCounter();
        SessionRegistry reg = newRegistry(events);
        BenchControlSession cs = new BenchControlSession(Workloads.serverName(0), serverList);
        reg.attachControlSession(Workloads.profileId(0), Workloads.profileName(0), cs);
        UUID u = reg.register(Workloads.serverName(0), Workloads.profileId(0), Workloads.profileName(0));
        return new Fixture(reg, events, new BenchControlSession[] {cs}, List.of(u));
    }
}
