package org.x2go.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The generated inputs are byte-identical to python's (WORKLOADS.md §1.3 pins their SHA-256). */
class WorkloadInputsTest {

    @ParameterizedTest(name = "{0} n={1}")
    @CsvSource({
            "W1, 1, 1, 182, f6d666ff63c3447ef0fa4aa37a4955eada0ff362df11d35a24b6140e67ac89d7",
            "W1, 100, 100, 18376, f0ff6091021617c7f029e62aaf87383704314463fe8b3ea4c49fbb42c3973b30",
            "W1, 10000, 10000, 1874332, 4e48bb77e138ccafd89cc141cb796d0e4306457af0805ebdd3957645598366a3",
            "W1, 1000, 1000, 185592, 1b1f24b98f3f3c941db0789b671e9bb7d230dac90532a3a8c091ba21dae2907f",
            "W4_BEFORE, 100, 100, 18376, 887e80a709c044702a8a90f7efd8c111e0dff85265c785d99fcade25256f810d",
            "W4_AFTER, 100, 95, 17459, 3e210e9889d69ed832c6f82db08733718133bbf34fc1099f63df80ade305186c",
            "W4_BEFORE, 1000, 1000, 185592, 4d67102b8593af4774563c203cf33c143173b8a4b565e7b9d5acf8bbb4d14df6",
            "W4_AFTER, 1000, 950, 176348, d8699b59907e677f51cc0fad073f204e559ed13e2a0721a6af0286f2f47e0795",
    })
    void listTextsMatchThePinnedSha256(Workloads.Pattern pattern, int n, int lines, int bytes, String sha) {
        String text = Workloads.listText(n, pattern, Workloads.serverName(0));
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(lines);
        assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        assertThat(Workloads.sha256(text)).isEqualTo(sha);
    }

    @Test
    void profilesFileMatchesThePinnedSha256() {
        String ini = Workloads.sessionsIni();
        assertThat(ini.chars().filter(c -> c == '\n').count()).isEqualTo(70);
        assertThat(ini.getBytes(StandardCharsets.UTF_8)).hasSize(1090);
        assertThat(Workloads.sha256(ini)).isEqualTo("2d8dd8e5481d9df0422909e85357966824b96c101ab644425a09b2985f261763");
    }

    @Test
    void linesMatchTheDocumentedExamples() {
        assertThat(Workloads.line(0, "R", "bench-server-00")).isEqualTo("29702|x2gotest-50-1795304731_stRxterm_dp24|50|"
                + "bench-server-00|R|2026-11-21T23:45:31|af28e3312d8f5929399fb27da76b7fa6|127.0.0.1|30001|30002|"
                + "2026-11-21T23:45:32|x2gotest|3|30003|-1|-1");
        assertThat(Workloads.line(9999, "S", "bench-server-00")).isEqualTo("39701|x2gotest-10049-1795904671_stDLXDE_dp24|"
                + "10049|bench-server-00|S|2026-11-28T22:24:31|cbdbc35e93656c50466d089679299af0|127.0.0.1|59998|59999|"
                + "2026-11-28T22:24:32|x2gotest|402|60000|-1|-1");
        assertThat(Workloads.profileId(3)).isEqualTo("20261121234500000003");
    }

    @Test
    void checksumsAndPatternsMatchWorkloadsMd() {
        assertThat(Workloads.expectedPortSum(1)).isEqualTo(90_006L);
        assertThat(Workloads.expectedPortSum(100)).isEqualTo(9_045_150L);
        assertThat(Workloads.expectedPortSum(10_000)).isEqualTo(1_350_015_000L);
        assertThat(Workloads.count(100, Workloads.Pattern.W4_AFTER, "S")).isEqualTo(10);
        assertThat(Workloads.countGone(1000)).isEqualTo(50);
        assertThat(Workloads.W3State.of(49)).isEqualTo(Workloads.W3State.RUNNING);
        assertThat(Workloads.W3State.of(50)).isEqualTo(Workloads.W3State.SUSPENDED);
        assertThat(Workloads.W3State.of(80)).isEqualTo(Workloads.W3State.REGISTERED_ONLY);
    }
}
