package com.example.x2go.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.BackendKind;
import org.x2go.api.X2GoBackendException;
import org.x2go.client.X2GoClient;
import org.x2go.spi.SessionProfiles;
import org.x2go.spi.SessionProfilesProvider;
import org.x2go.testkit.tck.SessionProfilesCompatibilityKit;

/**
 * The plugin as a client uses it: selected by name ({@code x2go.backend.profiles=PROPERTIES}) through
 * {@link X2GoClient.Builder}, configured through its namespace, and then run through the testkit's
 * profiles kit: every test of the kit uses the provider instance the client selected.
 */
class PropertiesProfilesKitTest extends SessionProfilesCompatibilityKit {

    private X2GoClient client;

    @BeforeEach
    void buildClient() {
        client = X2GoClient.builder()
                .set("x2go.backend.profiles", "PROPERTIES")
                .backendOption(PropertiesProfilesProvider.FILE_KEY, "kit-profiles.properties")
                .sessionsRoot(clientRoot.resolve("sessions"))
                .graphics(false)
                .shutdownHook(false)
                .build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Override
    protected SessionProfilesProvider provider() {
        return client.backend(SessionProfilesProvider.class);
    }

    @Test
    void theClientSelectsThePluginByNameAndConfiguresIt() {
        assertThat(client.selection().name(BackendKind.PROFILES)).isEqualToIgnoringCase("PROPERTIES");
        SessionProfilesProvider p = client.backend(SessionProfilesProvider.class);
        assertThat(p).isInstanceOf(PropertiesProfilesProvider.class);
        assertThat(((PropertiesProfilesProvider) p).fileName()).isEqualTo("kit-profiles.properties");
        SessionProfiles profiles = p.open(clientRoot);
        profiles.create("Office", Map.of("host", "office.example"));
        assertThat(clientRoot.resolve("kit-profiles.properties")).as("nothing written before save()").doesNotExist();
        profiles.save();
        assertThat(clientRoot.resolve("kit-profiles.properties")).content().contains("office.example");
    }

    @Test
    void anUnknownOptionOfItsNamespaceFailsTheBuildNamingTheKey() {
        assertThatThrownBy(() -> X2GoClient.builder()
                .set("x2go.backend.profiles", "PROPERTIES")
                .backendOption("x2go.profiles.properties.flie", "typo.properties")
                .graphics(false)
                .shutdownHook(false)
                .build())
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("x2go.profiles.properties.flie");
    }

    @Test
    void aFileNameWithDirectoriesIsRefused() {
        assertThatThrownBy(() -> X2GoClient.builder()
                .set("x2go.backend.profiles", "PROPERTIES")
                .backendOption(PropertiesProfilesProvider.FILE_KEY, "../elsewhere.properties")
                .graphics(false)
                .shutdownHook(false)
                .build())
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining(PropertiesProfilesProvider.FILE_KEY);
    }
}
