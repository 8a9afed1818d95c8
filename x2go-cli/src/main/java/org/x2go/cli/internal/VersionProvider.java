package org.x2go.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** The version line of {@code x2go -V}, from the build's filtered {@code version.properties}. */
public final class VersionProvider implements IVersionProvider {

    /** @return the version of this build, {@code unknown} when the resource is missing */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/org/x2go/cli/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties", e);
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"x2go (x2go-java) " + version() + ", pyhoca-cli compatible; Java "
                + System.getProperty("java.version")};
    }
}
