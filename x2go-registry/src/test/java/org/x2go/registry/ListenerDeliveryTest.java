package org.x2go.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionListener;

/** Listeners run outside the registry lock, on the listener thread, in order, isolated from each other. */
class ListenerDeliveryTest {

    @Test
    void eventsArriveInOrderOnTheListenerThread_andListenersMayCallBack() throws Exception {
        try (SessionRegistry reg = new SessionRegistry()) {
            int n = 50;
            CountDownLatch done = new CountDownLatch(n);
            List<String> threads = Collections.synchronizedList(new ArrayList<>());
            List<UUID> order = Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicBoolean thrown = new java.util.concurrent.atomic.AtomicBoolean();
            reg.addListener(new SessionListener() {
                @Override
                public void onStarted(SessionEvent event) {
                    if (thrown.compareAndSet(false, true)) {
                        throw new IllegalStateException("a broken listener must not stop the others");
                    }
                }
            });
            reg.addListener(new SessionListener() {
                @Override
                public void onStarted(SessionEvent event) {
                    threads.add(Thread.currentThread().getName());
                    // calling back into the registry from a listener must not deadlock
                    assertThat(reg.summary(event.sessionUuid())).isPresent();
                    reg.register("srv", "OTHER", "Other");
                    order.add(event.sessionUuid());
                    done.countDown();
                }
            });
            reg.attachControlSession("PID", "P", new Fakes.FakeControl("srv"));
            List<UUID> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                UUID u = reg.register("srv", "PID", "P", "alice-" + (100 + i) + "-1_stDKDE_dp24");
                reg.markStarting(u);
                reg.markRunning(u);
                expected.add(u);
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(order).containsExactlyElementsOf(expected);
            assertThat(thrown).isTrue();
            assertThat(threads).allMatch(t -> t.startsWith("x2go-registry-events-"));
        }
    }

    @Test
    void callerSuppliedExecutorIsUsedAndNotShutDown() {
        List<Runnable> tasks = new ArrayList<>();
        SessionRegistry reg = new SessionRegistry(Clock.systemUTC(), tasks::add);
        Fakes.Recorder rec = new Fakes.Recorder();
        reg.addListener(rec);
        reg.attachControlSession("PID", "P", new Fakes.FakeControl("srv"));
        UUID u = reg.register("srv", "PID", "P");
        reg.attachTerminal(u, new Fakes.FakeTerminal("alice-50-1_stRxterm_dp24"));
        reg.markRunning(u);
        assertThat(rec.events).as("nothing delivered before the executor runs").isEmpty();
        assertThat(tasks).hasSize(1);
        tasks.remove(0).run();
        assertThat(rec.kinds()).containsExactly("STARTED/BY_THIS_CLIENT");
        reg.close();
        reg.markSuspendedByThisClient(u);
        tasks.remove(0).run();
        assertThat(rec.kinds()).containsExactly("STARTED/BY_THIS_CLIENT", "SUSPENDED/BY_THIS_CLIENT");
        assertThat(reg.removeListener(rec)).isTrue();
    }
}
