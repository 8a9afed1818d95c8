package org.x2go.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.x2go.spi.CommandResult;

class FakeX2GoServerTest {

    @Test
    void startsOnLoopbackAndAnswersEcho() throws Exception {
        try (FakeX2GoServer server = FakeX2GoServer.builder().user("alice").build().start();
             MinaClient c = new MinaClient(server)) {
            assertThat(server.port()).isPositive();
            CommandResult r = c.exec("echo 'hello world'; echo err >&2; exit 4");
            assertThat(r.stdout()).isEqualTo("hello world\n");
            assertThat(r.stderr()).isEqualTo("err\n");
            assertThat(r.exitStatus()).isEqualTo(4);
            assertThat(server.receivedCommands()).containsExactly("echo 'hello world'; echo err >&2; exit 4");
            assertThat(Files.readString(server.knownHostsFile()))
                    .isEqualTo("[127.0.0.1]:" + server.port() + " " + server.knownHostsLine().split(" ", 2)[1] + "\n");
            assertThat(Files.readString(server.clientKeyFile())).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        }
    }

    @Test
    void sftpRelativePathsResolveAgainstTheHomeDirectory() throws Exception {
        try (FakeX2GoServer server = FakeX2GoServer.builder().user("alice").build().start();
             MinaClient c = new MinaClient(server);
             org.apache.sshd.sftp.client.SftpClient sftp = org.apache.sshd.sftp.client.SftpClientFactory.instance()
                     .createSftpClient(c.session)) {
            try (java.io.OutputStream out = sftp.write("rel.txt")) {
                out.write("x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(server.localPath("/home/alice/rel.txt")).hasContent("x");
            assertThat(sftp.canonicalPath(".")).isEqualTo("/home/alice");
        }
    }
}
