package org.x2go.ini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class IniDocumentTest {

    @Test
    void serialisesWithSpacedEqualsAndBlankLineAfterEachSection() {
        IniDocument d = IniDocument.parse("[a]\nx=1\ny: two\n[b]\nz =3\n", "f");
        assertThat(d.serialize()).isEqualTo("[a]\nx = 1\ny = two\n\n[b]\nz = 3\n\n");
    }

    @Test
    void keepsCommentsUnknownKeysOrderAndCaseOnRoundTrip() {
        String text = "# head comment\n\n[General]\n; about Foo\nFooBar = x\nzeta = 1\n# tail\n[other]\nalpha = 2\n\n";
        IniDocument d = IniDocument.parse(text, "f");
        d.set("General", "zeta", "2");
        d.set("General", "new", "n");
        String out = d.serialize();
        assertThat(out).isEqualTo("# head comment\n\n[General]\n; about Foo\nFooBar = x\nzeta = 2\n# tail\nnew = n\n\n"
                + "[other]\nalpha = 2\n\n");
        assertThat(IniDocument.parse(out, "f").serialize()).isEqualTo(out);
    }

    @Test
    void valuesAreLiteralNoInterpolationFixesQ7() {
        IniDocument d = IniDocument.parse("[trayicon]\nextra=100%\nexpr=%(home)s\nhash = a # b\n", "f");
        assertThat(d.get("trayicon", "extra")).contains("100%");
        assertThat(d.get("trayicon", "expr")).contains("%(home)s");
        assertThat(d.get("trayicon", "hash")).contains("a # b");
    }

    @Test
    void splitsAtTheFirstDelimiterAndStripsWhitespace() {
        IniDocument d = IniDocument.parse("[s]\n  url = http://x:80/a=b  \nk: v=w\n", "f");
        assertThat(d.get("s", "url")).contains("http://x:80/a=b");
        assertThat(d.get("s", "k")).contains("v=w");
    }

    @Test
    void continuationLinesRoundTrip() {
        IniDocument d = IniDocument.parse("[s]\nk = one\n  two\n", "f");
        assertThat(d.get("s", "k")).contains("one\ntwo");
        assertThat(IniDocument.parse(d.serialize(), "f").get("s", "k")).contains("one\ntwo");
    }

    @Test
    void crlfAndBomAreAccepted() {
        IniDocument d = IniDocument.parse("\uFEFF[s]\r\nk=v\r\n", "f");
        assertThat(d.get("s", "k")).contains("v");
    }

    @Test
    void keyOutsideSectionNamesFileAndLine() {
        assertThatThrownBy(() -> IniDocument.parse("# c\nkey=1\n", "/x/settings"))
                .isInstanceOf(IniSyntaxException.class)
                .hasMessageContaining("/x/settings line 2 key 'key'")
                .satisfies(e -> assertThat(((IniSyntaxException) e).line()).isEqualTo(2));
    }

    @Test
    void lineWithoutDelimiterNamesLine() {
        assertThatThrownBy(() -> IniDocument.parse("[s]\na=1\ngarbage\n", "f"))
                .isInstanceOf(IniSyntaxException.class).hasMessageContaining("f line 3")
                .hasMessageContaining("garbage");
    }

    @Test
    void badHeaderDuplicateSectionAndKeyAreErrors() {
        assertThatThrownBy(() -> IniDocument.parse("[s\n", "f")).hasMessageContaining("line 1")
                .hasMessageContaining("bad section header");
        assertThatThrownBy(() -> IniDocument.parse("[s]\n[s]\n", "f")).hasMessageContaining("line 2")
                .hasMessageContaining("duplicate section");
        assertThatThrownBy(() -> IniDocument.parse("[s]\nk=1\nk=2\n", "f")).hasMessageContaining("line 3 key 'k'")
                .hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> IniDocument.parse("[s]\n=2\n", "f")).hasMessageContaining("empty key");
        assertThatThrownBy(() -> IniDocument.parse("[s]\n:x=2\n", "f")).hasMessageContaining("empty key");
    }

    @Test
    void remembersLinesOfReadEntriesOnly() {
        IniDocument d = IniDocument.parse("[s]\n\na=1\n", "f");
        d.set("s", "b", "2");
        assertThat(d.line("s", "a")).hasValue(3);
        assertThat(d.line("s", "b")).isEmpty();
    }

    @Test
    void rejectsKeysThatCannotBeStored() {
        IniDocument d = new IniDocument();
        assertThatThrownBy(() -> d.set("s", "a=b", "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a=b");
        assertThatThrownBy(() -> d.set("s", "", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.set("", "k", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingTheSameValueIsNotAChange() {
        IniDocument d = IniDocument.parse("[s]\na=1\n", "f");
        d.set("s", "a", "1");
        assertThat(d.isDirty()).isFalse();
        d.set("s", "a", "2");
        assertThat(d.isDirty()).isTrue();
    }

    @Test
    void replayAppliesOwnChangesOnTopOfAnotherWritersContent() {
        IniDocument base = IniDocument.parse("[p1]\nname=one\n[p2]\nname=two\n", "f");
        IniDocument mine = base.copy();
        mine.set("p1", "host", "h");
        mine.addSection("p3");
        mine.set("p3", "name", "three");
        mine.removeSection("p2");
        IniDocument theirs = IniDocument.parse("[p1]\nname=one\n[p2]\nname=two\n[p4]\nname=four\n", "f");
        mine.replayOnto(theirs);
        assertThat(theirs.sections()).containsExactly("p1", "p4", "p3");
        assertThat(theirs.get("p1", "host")).contains("h");
    }

    @Test
    void replayDoesNotResurrectASectionTheOtherWriterDeleted() {
        IniDocument mine = IniDocument.parse("[p1]\nname=one\n", "f");
        mine.set("p1", "host", "h");
        IniDocument theirs = IniDocument.parse("[p2]\nname=two\n", "f");
        mine.replayOnto(theirs);
        assertThat(theirs.sections()).containsExactly("p2");
    }

    @Test
    void aCarriageReturnInAValueCannotInjectAProfileAndNothingChanges() {
        IniDocument d = IniDocument.parse("[p1]\nname=one\n", "f");
        String before = d.serialize();
        assertThatThrownBy(() -> d.set("p1", "command", "xterm\r[evil]\rname=evil\rhost=attacker.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key 'command' in [p1]")
                .hasMessageContaining("control character U+000D at index 5");
        assertThatThrownBy(() -> d.set("p1", "command", "xterm\rhost=other"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(d.serialize()).isEqualTo(before);
        assertThat(d.isDirty()).isFalse();
        assertThat(IniDocument.parse(d.serialize(), "f").sections()).containsExactly("p1");
    }

    @Test
    void everyControlCharacterInAValueIsRefusedNamingItsCodePoint() {
        IniDocument d = new IniDocument();
        for (char c = 0; c < 0xA0; c++) {
            if (c == 0x20) {
                c = 0x7E; // printable ASCII is fine; DEL and C1 follow
                continue;
            }
            String hex = String.format("U+%04X", (int) c);
            char ch = c;
            assertThatThrownBy(() -> d.set("s", "k", "a" + ch + "b")).as(hex)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(hex + " at index 1");
        }
        assertThat(d.sections()).isEmpty();
        assertThat(d.isDirty()).isFalse();
    }

    @Test
    void aNewlineInAValueIsRefusedBecauseOtherReadersTakeTheContinuationForAKey() {
        IniDocument d = new IniDocument();
        assertThatThrownBy(() -> d.set("s", "command", "xterm\nhost=attacker.example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+000A");
        assertThatThrownBy(() -> d.set("s", "command", "xterm\thost")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0009");
    }

    @Test
    void valuesWithEdgeWhitespaceAreRefusedRatherThanSilentlyStripped() {
        IniDocument d = new IniDocument();
        for (String v : List.of(" x", "x ", "\u2028x", "x\u3000")) {
            assertThatThrownBy(() -> d.set("s", "k", v)).as(v).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("whitespace");
        }
        d.set("s", "k", "a b\u2028c\u00a0");
        assertThat(IniDocument.parse(d.serialize(), "f").get("s", "k")).contains("a b\u2028c\u00a0");
    }

    @Test
    void unpairedSurrogatesAreRefusedBecauseUtf8WouldTurnThemIntoQuestionMarks() {
        IniDocument d = new IniDocument();
        assertThatThrownBy(() -> d.set("s", "k", "a\uD800")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate U+D800 at index 1");
        assertThatThrownBy(() -> d.set("s", "k", "\uDC00a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate U+DC00 at index 0");
        assertThatThrownBy(() -> d.set("s", "k", "\uD800x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+D800");
        assertThatThrownBy(() -> d.set("s", "k\uD800", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.addSection("\uDFFF")).isInstanceOf(IllegalArgumentException.class);
        d.set("s\uD83D\uDE00", "k\uD83D\uDE00", "\uD83D\uDE00 and \uD83D\uDE00");
        IniDocument back = IniDocument.parse(d.serialize(), "f");
        assertThat(back.get("s\uD83D\uDE00", "k\uD83D\uDE00")).contains("\uD83D\uDE00 and \uD83D\uDE00");
    }

    @Test
    void addSectionRefusesNamesThatWouldChangeTheFileStructure() {
        IniDocument d = new IniDocument();
        for (String name : List.of("", "a\nb", "a\rb", "evil]\n[x", "a]", "]a", "a[b", "[a", "a\u0000", "a\u0085", " a", "a\t")) {
            assertThatThrownBy(() -> d.addSection(name)).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Section name");
            assertThatThrownBy(() -> d.set(name, "k", "v")).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(d.sections()).isEmpty();
        assertThat(d.isDirty()).isFalse();
        d.addSection("a b#;=:");
        assertThat(IniDocument.parse(d.serialize(), "f").sections()).containsExactly("a b#;=:");
    }

    @Test
    void keysThatWouldChangeTheFileStructureAreRefused() {
        IniDocument d = new IniDocument();
        for (String key : List.of("a:b", "a=b", ":k", "=k", "#k", ";k", "[k", " k", "k ", "a\rb", "a\nb", "k\u0085", "k\u007f")) {
            assertThatThrownBy(() -> d.set("s", key, "v")).as(key).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Key '");
        }
        assertThat(d.sections()).isEmpty();
        d.set("s", "k]#;", "v");
        assertThat(IniDocument.parse(d.serialize(), "f").get("s", "k]#;")).contains("v");
    }

    @Test
    void refusalsShowTheOffendingNamesEscaped() {
        IniDocument d = new IniDocument();
        assertThatThrownBy(() -> d.set("s", "\u001b[31mk", "v")).hasMessageContaining("'\\x1b[31mk'")
                .hasMessageNotContaining("\u001b");
        assertThatThrownBy(() -> d.set("s\u001b", "k", "v")).hasMessageContaining("[s\\x1b]");
        assertThatThrownBy(() -> d.set("s", "k", "\u001b")).hasMessageNotContaining("\u001b");
    }

    @Test
    void requireStorableChangesNothing() {
        IniDocument d = new IniDocument();
        d.requireStorable("s", "k", "v");
        assertThat(d.sections()).isEmpty();
        assertThat(d.isDirty()).isFalse();
        assertThatThrownBy(() -> d.requireStorable("s", "k", "v\r")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.requireStorable(null, "k", "v")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> d.requireStorable("s", null, "v")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> d.requireStorable("s", "k", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void sectionsAndKeysReadFromTheFileCanBeUpdatedAsTheyAre() {
        IniDocument d = IniDocument.parse("[a]b]\nk\u0001=1\n", "f");
        assertThat(d.sections()).containsExactly("a]b");
        d.set("a]b", "k\u0001", "2");
        d.set("a]b", "new", "3");
        d.addSection("a]b");
        IniDocument back = IniDocument.parse(d.serialize(), "f");
        assertThat(back.entries("a]b")).containsExactly(Map.entry("k\u0001", "2"), Map.entry("new", "3"));
    }

    @Test
    void aReplayedChangeOfAKeyReadFromOurFileLandsEvenWhereTheirFileLacksIt() {
        IniDocument mine = IniDocument.parse("[s]\nk\u0001=1\n", "f");
        mine.set("s", "k\u0001", "2");
        IniDocument theirs = IniDocument.parse("[s]\nother=x\n", "f");
        mine.replayOnto(theirs);
        assertThat(theirs.entries("s")).containsExactly(Map.entry("other", "x"), Map.entry("k\u0001", "2"));
        assertThat(theirs.isDirty()).isTrue();
    }

    @Test
    void replayRemovesKeysAndAddsEmptySections() {
        IniDocument mine = IniDocument.parse("[s]\na=1\nb=2\n", "f");
        mine.remove("s", "a");
        mine.addSection("empty");
        IniDocument theirs = IniDocument.parse("[s]\na=1\nb=2\nc=3\n", "f");
        mine.replayOnto(theirs);
        assertThat(theirs.keys("s")).containsExactly("b", "c");
        assertThat(theirs.sections()).containsExactly("s", "empty");
        assertThat(theirs.serialize()).isEqualTo("[s]\nb = 2\nc = 3\n\n[empty]\n\n");
    }

    @Test
    void removeAndRemoveSectionReportWhetherSomethingWasThere() {
        IniDocument d = IniDocument.parse("[s]\na=1\n", "f");
        assertThat(d.remove("s", "nope")).isFalse();
        assertThat(d.remove("nope", "a")).isFalse();
        assertThat(d.removeSection("nope")).isFalse();
        assertThat(d.isDirty()).isFalse();
        assertThat(d.remove("s", "a")).isTrue();
        assertThat(d.serialize()).isEqualTo("[s]\n\n");
        assertThat(d.removeSection("s")).isTrue();
        assertThat(d.sections()).isEmpty();
        assertThat(d.hasSection("s")).isFalse();
        d.clearJournal();
        assertThat(d.isDirty()).isFalse();
    }

    @Test
    void unknownSectionsReadAsEmpty() {
        IniDocument d = new IniDocument();
        assertThat(d.keys("x")).isEmpty();
        assertThat(d.entries("x")).isEmpty();
        assertThat(d.get("x", "k")).isEmpty();
        assertThat(d.line("x", "k")).isEmpty();
        d.addSection("x");
        assertThat(d.get("x", "k")).isEmpty();
        assertThat(d.line("x", "k")).isEmpty();
        assertThat(d.isDirty()).isTrue();
        assertThat(d.toString()).isEqualTo("[x]\n\n");
    }

    @Test
    void changesMadeWithoutJournalAreNotPendingAndTheJournalResumes() {
        IniDocument d = new IniDocument();
        d.withoutJournal(() -> d.set("s", "k", "v"));
        assertThat(d.isDirty()).isFalse();
        d.set("s", "k", "w");
        assertThat(d.isDirty()).isTrue();
        assertThatThrownBy(() -> d.withoutJournal(() -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        d.clearJournal();
        d.set("s", "k", "x");
        assertThat(d.isDirty()).as("journalling is back on after a failing change").isTrue();
    }

    @Test
    void copyIsDeepAndKeepsCommentsPreambleAndJournal() {
        IniDocument d = IniDocument.parse("# pre\n[s]\n; c\na=1\n", "f");
        d.set("s", "b", "2");
        IniDocument c = d.copy();
        assertThat(c.serialize()).isEqualTo("# pre\n\n[s]\n; c\na = 1\nb = 2\n\n");
        assertThat(c.isDirty()).isTrue();
        assertThat(c.line("s", "a")).hasValue(4);
        c.set("s", "a", "changed");
        assertThat(d.get("s", "a")).contains("1");
    }

    @Test
    void continuationLinesJoinAcrossCommentsAndEndAtTheNextKeySectionOrEndOfFile() {
        IniDocument d = IniDocument.parse("[s]\nk = a\n  b\n\t[c]\n# note\n  d\nnext = n\n  e\n[t]\nx =\n  y", "f");
        assertThat(d.get("s", "k")).contains("a\nb\n[c]\nd");
        assertThat(d.get("s", "next")).contains("n\ne");
        assertThat(d.get("t", "x")).contains("\ny");
        IniDocument back = IniDocument.parse(d.serialize(), "f");
        assertThat(back.entries("s")).isEqualTo(d.entries("s"));
        assertThat(back.entries("t")).isEqualTo(d.entries("t"));
        assertThat(IniDocument.parse("[s]\n  indented = 1\n", "f").get("s", "indented")).contains("1");
    }

    @Test
    void aSectionHeaderNeedsANameAndAClosingBracket() {
        assertThatThrownBy(() -> IniDocument.parse("[]\n", "f")).hasMessageContaining("bad section header");
        assertThatThrownBy(() -> IniDocument.parse("[a\n", "f")).hasMessageContaining("bad section header");
        assertThat(IniDocument.parse("[a]\n", "f").sections()).containsExactly("a");
        assertThat(IniDocument.parse("[s]\nk:v=w\nj=v:w\n", "f").entries("s"))
                .containsExactly(Map.entry("k", "v=w"), Map.entry("j", "v:w"));
    }

    @Test
    void syntaxErrorsShowTheFilesTextEscapedAndShortened() {
        String line = "\u001b]0;pwned\u0007" + "x".repeat(500);
        assertThatThrownBy(() -> IniDocument.parse("[s]\n" + line + "\n", "f"))
                .isInstanceOf(IniSyntaxException.class)
                .hasMessageContaining("\\x1b]0;pwned\\x07")
                .hasMessageNotContaining("\u001b")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
        assertThatThrownBy(() -> IniDocument.parse("[s]\nk\u001b=1\nk\u001b=2\n", "f"))
                .hasMessageContaining("key 'k\\x1b'").hasMessageNotContaining("\u001b");
        IniSyntaxException e = (IniSyntaxException) org.assertj.core.api.Assertions.catchThrowable(
                () -> IniDocument.parse("[s]\nk=1\nk=2\n", "src"));
        assertThat(e.source()).isEqualTo("src");
        assertThat(e.key()).contains("k");
        assertThat(IniDocument.parse("[s]\n", "f").sections()).containsExactly("s");
    }

    /**
     * Parsing is linear: doubling the number of continuation lines doubles the memory the parse allocates
     * (a deterministic measure of its work). The old parser copied the value for every line: 20k lines
     * allocated gigabytes and doubling them quadrupled it.
     */
    @Test
    void parsingManyContinuationLinesIsLinearInTheirNumber() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) mx).isThreadAllocatedMemorySupported(),
                "this JVM cannot count allocated bytes");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) mx;
        sun.setThreadAllocatedMemoryEnabled(true);
        String small = continuationFile(20_000);
        String big = continuationFile(40_000);
        allocatedBy(sun, big); // warm up
        long a = allocatedBy(sun, small);
        long b = allocatedBy(sun, big);
        assertThat(b).as("bytes allocated for 40k lines vs %d for 20k", a).isLessThan(3 * a);
        assertThat(b).as("bytes allocated for a %d-char file", big.length()).isLessThan(40L * big.length());
    }

    private static String continuationFile(int lines) {
        StringBuilder b = new StringBuilder("[s]\nk = start\n");
        for (int i = 0; i < lines; i++) {
            b.append("    continued line\n");
        }
        return b.toString();
    }

    private static long allocatedBy(com.sun.management.ThreadMXBean mx, String text) {
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        IniDocument d = IniDocument.parse(text, "f");
        long after = mx.getThreadAllocatedBytes(id);
        assertThat(d.get("s", "k").orElseThrow()).startsWith("start\ncontinued line");
        return after - before;
    }
}
