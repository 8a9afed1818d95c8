package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A profile's {@code export} and {@code useexports} become {@link TerminalParams#shareFolders()}. */
class ProfileShareFoldersTest {

    private static TerminalParams params(Map<String, String> values) {
        return ProfileConverter.convert(new SessionProfile("id", "name", values), "tester").terminalParams();
    }

    @Test
    void onlyEntriesFlaggedOneAreSharedAutomatically_inTheirOrder_readWrite() {
        TerminalParams p = params(Map.of("export", "/home/a:1;/home/b c:0;/home/ü d:1;", "useexports", "true"));
        assertThat(p.shareFolders()).containsExactly(new TerminalParams.FolderShare(Path.of("/home/a"), false),
                new TerminalParams.FolderShare(Path.of("/home/ü d"), false));
    }

    @Test
    void useexportsOffOrNoExportSharesNothing() {
        assertThat(params(Map.of("export", "/home/a:1;", "useexports", "false")).shareFolders()).isEmpty();
        assertThat(params(Map.of("useexports", "true")).shareFolders()).isEmpty();
        assertThat(params(Map.of()).shareFolders()).isEmpty();
    }

    @Test
    void theBuilderKeepsOneEntryPerFolder_andTheRecordRefusesDuplicates() {
        TerminalParams p = TerminalParams.builder().shareFolder(Path.of("/a"), false).shareFolder(Path.of("/b"), false)
                .shareFolder(Path.of("/a"), true).build();
        assertThat(p.shareFolders()).containsExactly(new TerminalParams.FolderShare(Path.of("/b"), false),
                new TerminalParams.FolderShare(Path.of("/a"), true));
        assertThat(p.toBuilder().build()).isEqualTo(p);
        assertThatThrownBy(() -> TerminalParams.builder().shareFolders(List.of(
                new TerminalParams.FolderShare(Path.of("/a"), false), new TerminalParams.FolderShare(Path.of("/a"), true)))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shareFolders");
    }
}
