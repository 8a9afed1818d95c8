package org.x2go.backend.plain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JSch exec's wake-ups: an interrupt only while connect runs, never left behind. */
class ChannelSignalsTest {

    @Test
    void anEventDuringConnectInterruptsOnceAndConnectReturnedClearsIt() {
        ChannelSignals s = new ChannelSignals(Thread.currentThread());
        s.run();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        Thread.interrupted();
        s.run();
        assertThat(Thread.currentThread().isInterrupted()).as("only the first event interrupts").isFalse();
        Thread.currentThread().interrupt();
        assertThat(s.connectReturned()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void eventsAfterConnectReturnedNeverInterrupt() {
        ChannelSignals s = new ChannelSignals(Thread.currentThread());
        assertThat(s.connectReturned()).isFalse();
        s.run();
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void anInterruptTheCallerAlreadyHadIsKept() {
        Thread.currentThread().interrupt();
        try {
            ChannelSignals s = new ChannelSignals(Thread.currentThread());
            s.run();
            assertThat(s.connectReturned()).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
