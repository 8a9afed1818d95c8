package org.x2go.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark method once on its JMH state, with the workload's checks (the README's
 * test command runs this, never the full JMH suite), plus one real JMH run in-process.
 */
class BenchSmokeTest {

    @ParameterizedTest(name = "W1 n={0}")
    @ValueSource(ints = {1, 100, 10000})
    void w1ParsesAndFindsTheLastSession(int n) {
        W1Bench b = new W1Bench();
        b.n = n;
        b.setup();
        String check = W1Bench.checkParse(b.parse(), n);
        assertThat(check).isEqualTo(switch (n) {
            case 1 -> "sessions=1,R=1,S=0,portsum=90006";
            case 100 -> "sessions=100,R=75,S=25,portsum=9045150";
            default -> "sessions=10000,R=7500,S=2500,portsum=1350015000";
        });
        assertThat(W1Bench.checkLast(b.lookup(), n)).isEqualTo("pid=" + (29702 + n - 1));
        assertThat(W1Bench.checkLast(b.bydisplay(), n)).isEqualTo("pid=" + (29702 + n - 1));
        assertThat(W1Bench.checkLast(b.lookupInMap(), n)).isEqualTo("pid=" + (29702 + n - 1));
    }

    @ParameterizedTest(name = "W2 n={0}")
    @ValueSource(ints = {100, 1000, 10000})
    void w2RegistersTwentyAndRestoresTheFixture(int n) {
        W2Bench b = new W2Bench();
        b.n = n;
        b.setup();
        for (int rep = 0; rep < 2; rep++) { // the second batch proves the teardown restored the fixture
            assertThat(b.register()).hasSize(W2Bench.BATCH);
            assertThat(b.check()).isEqualTo("registered=20,size_after=" + (n + 20));
            b.checkAndForget();
        }
    }

    @ParameterizedTest(name = "W3 n={0}")
    @ValueSource(ints = {100, 1000, 10000})
    void w3QueriesGiveTheExpectedAnswers(int n) {
        W3Bench b = new W3Bench();
        b.n = n;
        b.setup();
        int t = n == 100 ? 49 : n == 1000 ? 949 : 9949;
        assertThat(b.checkAll()).isEqualTo("len=" + n / 2 + ";len=" + n * 3 / 10 + ";len=" + n / 20 + ";index=" + t
                + ";state=RUNNING;true");
    }

    @ParameterizedTest(name = "W4 n={0}")
    @ValueSource(ints = {100, 1000})
    void w4FiresOneEventPerFlipAndPerDisappearance(int n) {
        W4Bench b = new W4Bench();
        b.n = n;
        b.parseLists();
        b.freshFixture();
        assertThat(b.update()).isEqualTo(n);
        assertThat(b.check()).isEqualTo("hooks_suspended=" + n / 10 + ",hooks_terminated=" + n / 20
                + ",size_after=" + (n - n / 20 + 1));
    }

    @Test
    void w4CheckRejectsANoOpUpdate() {
        W4Bench b = new W4Bench();
        b.n = 100;
        b.parseLists();
        b.freshFixture();
        assertThatThrownBy(b::check).isInstanceOf(BenchCheckFailed.class).hasMessageContaining("W4 events");
    }

    @ParameterizedTest(name = "W5 n={0}")
    @ValueSource(ints = {100, 1000})
    void w5AutoRegistersEveryServerSession(int n) {
        W5Bench b = new W5Bench();
        b.n = n;
        b.parseList();
        b.freshFixture();
        assertThat(b.autoreg()).hasSize(n);
        assertThat(b.check()).isEqualTo("registered=" + n + ",R=" + n * 3 / 4 + ",S=" + n / 4
                + ",list_calls=0,registered_events=" + n + ",other_events=0");
    }

    @Test
    void w5CheckRejectsANoOpRegistration() {
        W5Bench b = new W5Bench();
        b.n = 100;
        b.parseList();
        b.freshFixture();
        assertThatThrownBy(b::check).isInstanceOf(BenchCheckFailed.class).hasMessageContaining("W5 created 0");
    }

    @Test
    void guardianTickListsEveryProfileOnceAndKeepsTheRegistry() {
        GuardianTickBench b = new GuardianTickBench();
        b.profiles = 100;
        b.sessions = 50;
        b.setup();
        try {
            assertThat(b.tick().failures()).isEmpty();
            assertThat(b.check()).isEqualTo("steps=200,failures=0,list_calls=100,size=5000,R=3750,S=1250");
        } finally {
            b.close();
        }
    }

    @Test
    void probesMeasureTickCpuTimeAndRetainedHeap() {
        assertThat(Probes.tick(5)).isPositive();
        // generous bounds: the figure itself is reported by compare.sh; this catches a broken probe or a blow-up
        assertThat(Probes.memory(20_000)).isBetween(100.0, 4096.0);
    }

    @Test
    void cpuTimesHarnessMeasuresWallAndCpuTimeWithChecks() {
        java.util.List<CpuTimes.Sample> got = new java.util.ArrayList<>();
        CpuTimes.w1(100, got::add, 0.01, 0.002, 3);
        CpuTimes.w4(100, got::add, 0.01, 3);
        assertThat(got).extracting(CpuTimes.Sample::id)
                .containsExactly("W1-parse-100", "W1-lookup-100", "W1-bydisplay-100", "W4-update-100");
        assertThat(got).allSatisfy(s -> {
            assertThat(s.wallMedian()).isPositive();
            assertThat(s.cpuMedian()).isGreaterThanOrEqualTo(0.0);
            assertThat(s.reps()).isEqualTo(3);
        });
        assertThat(got.get(0).check()).isEqualTo("sessions=100,R=75,S=25,portsum=9045150");
        assertThat(got.get(3).check()).isEqualTo("hooks_suspended=10,hooks_terminated=5,size_after=96");
    }

    @Test
    void jmhRunsAGeneratedBenchmarkInProcess() throws Exception {
        Options opt = new OptionsBuilder()
                .include(W3Bench.class.getName() + ".hasRunning")
                .param("n", "100")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        assertThat(results).hasSize(1);
        assertThat(results.iterator().next().getPrimaryResult().getScore()).isPositive();
    }
}
