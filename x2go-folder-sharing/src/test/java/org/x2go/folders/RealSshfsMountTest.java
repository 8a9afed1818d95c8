package org.x2go.folders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.testkit.RealX2GoServer;

/**
 * The real X2Go server's {@code sshfs} (OpenSSH 9 underneath) mounts a folder from {@link FolderShareServer}
 * with exactly the options and files {@code x2gomountdirs} uses, and the server's default ssh configuration.
 * This is where python-x2go's SFTP server fails on Debian 12 (no {@code server-sig-algs}, so OpenSSH refuses
 * the RSA key). The server and this JVM share the loopback interface, so no reverse tunnel is needed here.
 */
class RealSshfsMountTest {

    @TempDir
    Path tmp;

    @Test
    void theServersSshfsMountsASharedFolderReadsAndWritesItAndCannotLeaveIt() throws Exception {
        RealX2GoServer server = RealX2GoServer.require();
        String which = server.ssh("command -v sshfs fusermount3 fusermount || true");
        if (!which.contains("sshfs")) {
            RealX2GoServer.unavailable("sshfs is not installed on the test server (scripts/x2go-test-server installs it)");
        }
        Path share = Files.createDirectories(tmp.resolve("share dir ü"));
        Files.writeString(share.resolve("hello.txt"), "hello from the client\n");
        Files.writeString(tmp.resolve("secret.txt"), "secret\n");
        Files.createSymbolicLink(share.resolve("escape"), tmp);
        // sshfs runs as the server's test user: it must be able to reach nothing else of ours anyway
        try (FolderShareServer sftp = new FolderShareServer("x2gofolders")) {
            sftp.share(share, false);
            int port = sftp.port().getAsInt();
            String bundle = sftp.keyBundle();
            int marker = bundle.indexOf(FolderShareServer.IDENTITY_MARKER);
            String key = bundle.substring(0, marker);
            String ident = "[127.0.0.1]:" + port + " " + bundle.substring(marker + FolderShareServer.IDENTITY_MARKER.length());
            String dir = server.ssh("umask 077 && mktemp -d \"$HOME/.x2go-java-sshfs-XXXXXX\"").strip();
            try {
                server.ssh("umask 077 && printf '%s' '" + key + "' > " + dir + "/key && printf '%s' '" + ident + "' > "
                        + dir + "/key.ident && mkdir " + dir + "/mnt");
                // x2gomountdirs' own sshfs line (without its iconv and umask parts)
                String mount = "timeout 30 sshfs -o idmap=user,uid=`id -u`,gid=`id -g`,default_permissions,"
                        + "ServerAliveInterval=300,IdentityFile=" + dir + "/key,UserKnownHostsFile=" + dir + "/key.ident "
                        + "\"x2gofolders\"@127.0.0.1:\"" + share + "\" " + dir + "/mnt -p " + port;
                server.ssh(mount + " 2>&1");
                try {
                    assertEquals("hello from the client\n", server.ssh("cat " + dir + "/mnt/hello.txt"));
                    server.ssh("echo 'written in the session' > " + dir + "/mnt/from-session.txt");
                    assertEquals("written in the session\n", Files.readString(share.resolve("from-session.txt")));
                    String escape = server.ssh("cat " + dir + "/mnt/escape/secret.txt 2>&1; echo rc=$?");
                    assertFalse(escape.contains("secret\n"), escape);
                    assertTrue(escape.contains("rc=1"), escape);
                    String dotdot = server.ssh("cat " + dir + "/mnt/../../secret.txt 2>&1; ls " + dir + "/mnt/.. | head -3; echo done");
                    assertFalse(dotdot.contains("secret\n"), dotdot);
                } finally {
                    server.ssh("fusermount3 -u " + dir + "/mnt 2>/dev/null || fusermount -u " + dir + "/mnt 2>/dev/null || true");
                }
            } finally {
                server.ssh("rm -rf " + dir + " 2>/dev/null || true");
            }
        } catch (IOException e) {
            throw new AssertionError("sshfs against the folder-sharing server failed: " + e.getMessage(), e);
        }
    }
}
