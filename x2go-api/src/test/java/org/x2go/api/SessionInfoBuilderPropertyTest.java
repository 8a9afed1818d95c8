package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@code toBuilder().build()} gives back an equal session, whatever its 16 fields hold. */
class SessionInfoBuilderPropertyTest {

    @Property(tries = 200)
    void toBuilderRoundTripsEveryField(@ForAll("sessions") SessionInfo s) {
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Property(tries = 200)
    void changingOneFieldThroughToBuilderChangesOnlyThatField(@ForAll("sessions") SessionInfo s,
                                                             @ForAll("ints") int port) {
        SessionInfo changed = s.toBuilder().graphicsPort(port).build();
        assertThat(changed.graphicsPort()).isEqualTo(port);
        assertThat(changed.toBuilder().graphicsPort(s.graphicsPort()).build()).isEqualTo(s);
    }

    @Provide
    Arbitrary<Integer> ints() {
        return Arbitraries.integers().between(-1, 65535);
    }

    @Provide
    Arbitrary<SessionInfo> sessions() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(20);
        Arbitrary<String> name = Arbitraries.strings().alpha().numeric().withChars("-_").ofMinLength(1).ofMaxLength(40);
        Arbitrary<Integer> n = ints();
        Arbitrary<ServerSessionStatus> status = Arbitraries.of(ServerSessionStatus.class);
        Arbitrary<SessionInfo.Builder> first = Combinators.combine(n, name, n, text, status, text, text, text)
                .as((pid, nm, d, host, st, created, cookie, ip) -> SessionInfo.builder().agentPid(pid).name(nm).display(d)
                        .hostname(host).status(st).createdAt(created).cookie(cookie).clientIp(ip));
        return first.flatMap(b -> Combinators.combine(n, n, text, text, Arbitraries.longs().between(-1, 1L << 40), n, n, n)
                .as((gr, snd, changed, user, age, sshfs, ctrl, data) -> b.graphicsPort(gr).soundPort(snd)
                        .lastChangedAt(changed).username(user).ageSeconds(age).sshfsPort(sshfs).tekiCtrlPort(ctrl)
                        .tekiDataPort(data).build()));
    }
}
