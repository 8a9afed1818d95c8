package org.x2go.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The print spool's directories are private from the moment they exist. */
class ClientFoldersTest {
    @TempDir
    Path root;

    @Test
    void aNewDirectoryIsCreatedOwnerOnly_andAnExistingOneIsNarrowed() throws IOException {
        assumeTrue(root.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path dir = root.resolve("S-session");
        ClientFolders.createPrivateDirectory(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");

        Path wide = Files.createDirectory(root.resolve("wide"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(wide, PosixFilePermissions.fromString("rwxrwxrwx"));
        ClientFolders.createPrivateDirectory(wide);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wide))).isEqualTo("rwx------");
    }

    @Test
    void aLinkOrAFileInItsPlaceIsRefused() throws IOException {
        Path target = Files.createDirectory(root.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(root.resolve("spool"), target);
        assertThatThrownBy(() -> ClientFolders.createPrivateDirectory(link)).isInstanceOf(IOException.class)
                .hasMessageContaining("spool");
        Path file = Files.writeString(root.resolve("file"), "x");
        assertThatThrownBy(() -> ClientFolders.createPrivateDirectory(file)).isInstanceOf(IOException.class);
    }
}
