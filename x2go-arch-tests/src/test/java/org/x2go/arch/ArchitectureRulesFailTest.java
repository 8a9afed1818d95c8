package org.x2go.arch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.x2go.api.archfixture.ApiUsesClient;
import org.x2go.archfixture.guice.UsesGuice;
import org.x2go.archfixture.internaluser.Peeker;
import org.x2go.archfixture.lib.internal.Secret;
import org.x2go.backend.archfixturea.UsesClient;
import org.x2go.backend.archfixturea.UsesOtherBackend;
import org.x2go.backend.archfixtureb.Bar;
import org.x2go.registry.archfixture.UsesBackend;

/** Proves each rule can fail: it is checked against a deliberately bad fixture class. */
class ArchitectureRulesFailTest {

    private static JavaClasses load(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    @Test
    void guiceOutsideClientIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.ONLY_CLIENT_AND_CLI_USE_GUICE.check(load(UsesGuice.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining(UsesGuice.class.getName());
    }

    @Test
    void foreignInternalAccessIsCaughtButOwnIsAllowed() {
        assertThatThrownBy(() -> ArchitectureRules.INTERNAL_PACKAGES_ARE_PRIVATE.check(load(Peeker.class, Secret.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining(Peeker.class.getName());
        assertThatCode(() -> ArchitectureRules.INTERNAL_PACKAGES_ARE_PRIVATE.check(load(Secret.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void apiDependingOnOurModulesIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.API_IS_SELF_CONTAINED.check(load(ApiUsesClient.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining(ApiUsesClient.class.getName());
    }

    @Test
    void backendDependingOnAnotherBackendIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.BACKENDS_ARE_INDEPENDENT.check(load(UsesOtherBackend.class, Bar.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining(UsesOtherBackend.class.getName());
    }

    @Test
    void backendDependingOnTheClientIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.BACKENDS_DO_NOT_USE_REGISTRY_GUARDIAN_OR_CLIENT.check(load(UsesClient.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining(UsesClient.class.getName());
    }

    @Test
    void registryDependingOnABackendIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.REGISTRY_AND_GUARDIAN_USE_ONLY_THE_API.check(load(UsesBackend.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining(UsesBackend.class.getName());
    }
}
