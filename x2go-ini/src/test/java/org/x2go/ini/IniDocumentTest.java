package org.x2go.ini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
