package org.x2go.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.x2go.registry.Fakes.info;
import static org.x2go.registry.Fakes.list;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionList;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoSessionCacheException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.registry.ListSessionsCache.CacheType;

/** Spec §12 (R-CCH-1..4). */
class ListSessionsCacheTest {
    static final String R = "alice-50-1_stDKDE_dp24";
    static final String S = "alice-51-1_stRxterm_dp24";

    Fakes.ManualClock clock = new Fakes.ManualClock();
    ListSessionsCache cache = new ListSessionsCache(clock);
    Fakes.FakeControl cs = new Fakes.FakeControl("srv");

    @Test
    void updatesOnlyTheRequestedParts_mountsOnlyOfRunningSessions() {
        cs.sessions = list(info(R, ServerSessionStatus.RUNNING), info(S, ServerSessionStatus.SUSPENDED));
        ListSessionsCache.Entry e = cache.update("PID", cs, true, false, false);
        assertThat(e.sessions()).contains(cs.sessions);
        assertThat(cache.isCached("PID")).isTrue();
        assertThat(cache.isCached("PID", CacheType.SESSIONS)).isTrue();
        assertThat(cache.isCached("PID", CacheType.DESKTOPS)).as("python said yes once the entry existed").isFalse();
        cache.update("PID", cs, false, true, true);
        assertThat(cache.listSessions("PID")).contains(cs.sessions);
        assertThat(cache.listDesktops("PID")).contains(List.of("alice@:50"));
        assertThat(cache.listMounts("PID")).containsOnlyKeys(R);
        assertThat(cs.listCalls.get()).isEqualTo(1);
        assertThat(cache.entry("PID").orElseThrow().updatedAt()).isEqualTo(clock.instant());
    }

    @Test
    void controlFailureDeletesTheEntryAndIsRethrown() {
        cache.update("PID", cs, true, false, false);
        cs.dies();
        assertThatThrownBy(() -> cache.update("PID", cs, true, false, false))
                .isInstanceOf(X2GoControlSessionException.class);
        assertThat(cache.isCached("PID")).isFalse();
        assertThatThrownBy(() -> cache.require("PID")).isInstanceOf(X2GoSessionCacheException.class)
                .hasMessageContaining("PID");
    }

    @Test
    void desktopTimeoutKeepsTheOldList() {
        cache.update("PID", cs, true, true, false);
        Fakes.FakeControl slow = new Fakes.FakeControl("srv") {
            @Override
            public List<String> listDesktops() {
                throw new X2GoTimeOutException("x2golistdesktops timed out");
            }
        };
        cache.update("PID", slow, true, true, false);
        assertThat(cache.listDesktops("PID")).contains(List.of("alice@:50"));
    }

    @Test
    void deleteDuringUpdateWins_andRetainOnlyDropsDisconnectedProfiles() {
        Fakes.FakeControl racing = new Fakes.FakeControl("srv") {
            @Override
            public SessionList listSessions() {
                cache.delete("PID"); // the profile is disconnected while its list is being fetched
                return SessionList.EMPTY;
            }
        };
        cache.update("PID", racing, true, false, false);
        assertThat(cache.isCached("PID")).isFalse();

        cache.update("A", cs, true, false, false);
        cache.update("B", cs, true, false, false);
        cache.retainOnly(List.of("B"));
        assertThat(cache.profileIds()).containsExactly("B");
        assertThat(cache.listSessions("A")).isEmpty();
        assertThat(cache.listMounts("A")).isEmpty();
    }

    @Test
    void anUpdateOverlappedByDeleteAndAFresherUpdate_doesNotOverwriteTheFresherEntry() {
        cache.update("PID", cs, true, false, false); // a first update, so the profile has a generation
        SessionList fresher = list(info(S, ServerSessionStatus.SUSPENDED));
        Fakes.FakeControl newer = new Fakes.FakeControl("srv");
        newer.sessions = fresher;
        Fakes.FakeControl racing = new Fakes.FakeControl("srv") {
            @Override
            public SessionList listSessions() {
                cache.delete("PID"); // disconnected and reconnected while this list was being fetched
                cache.update("PID", newer, true, false, false);
                return list(info(R, ServerSessionStatus.RUNNING));
            }
        };
        cache.update("PID", racing, true, false, false);
        assertThat(cache.listSessions("PID")).as("the stale result is dropped").contains(fresher);
        cache.update("PID", cs, true, false, false);
        assertThat(cache.listSessions("PID")).as("later updates install again").contains(cs.sessions);
    }

    @Test
    void mountTimeoutKeepsTheOldMountsOfThatSession_andMountsAreOnlyFetchedWhenAsked() {
        cs.sessions = list(info(R, ServerSessionStatus.RUNNING), info(S, ServerSessionStatus.RUNNING));
        cache.update("PID", cs, true, false, false);
        assertThat(cs.log).doesNotContain("srv:listMounts");
        assertThat(cache.isCached("PID", CacheType.MOUNTS)).isFalse();
        cache.update("PID", cs, false, false, true);
        assertThat(cache.listMounts("PID")).containsOnlyKeys(R, S);
        assertThat(cache.isCached("PID", CacheType.MOUNTS)).isTrue();
        Fakes.FakeControl slow = new Fakes.FakeControl("srv") {
            @Override
            public List<String> listMounts(String sessionName) {
                if (sessionName.equals(R)) {
                    throw new X2GoTimeOutException("x2golistmounts timed out");
                }
                return List.of();
            }
        };
        slow.sessions = list(info(R, ServerSessionStatus.RUNNING), info(S, ServerSessionStatus.RUNNING),
                info("alice-52-1_stDKDE_dp24", ServerSessionStatus.RUNNING));
        cache.update("PID", slow, true, false, true);
        assertThat(cache.listMounts("PID").get(R)).as("kept").containsExactly("/home/alice/Documents|/tmp/mnt-" + R);
        assertThat(cache.listMounts("PID").get(S)).as("refreshed").isEmpty();
        assertThat(cache.listMounts("PID")).containsOnlyKeys(R, S, "alice-52-1_stDKDE_dp24");
        slow.sessions = list(info("alice-53-1_stDKDE_dp24", ServerSessionStatus.RUNNING));
        Fakes.FakeControl slowNew = new Fakes.FakeControl("srv") {
            @Override
            public List<String> listMounts(String sessionName) {
                throw new X2GoTimeOutException("x2golistmounts timed out");
            }
        };
        slowNew.sessions = list(info("alice-53-1_stDKDE_dp24", ServerSessionStatus.RUNNING));
        cache.update("PID", slowNew, true, false, true);
        assertThat(cache.listMounts("PID")).as("nothing to keep for a new session").isEmpty();
    }

    @Test
    void requireReturnsTheEntry() {
        ListSessionsCache.Entry e = cache.update("PID", cs, true, false, false);
        assertThat(cache.require("PID")).isEqualTo(e);
        assertThat(e.has(CacheType.MOUNTS)).isFalse();
    }
}
