package org.x2go.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks every rule against the production classes of all modules on this module's class path. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages("org.x2go");
    }

    @Test
    void importedTheRealModules() {
        assertThat(production.contain(org.x2go.api.Backends.class)).isTrue();
        assertThat(production.contain(org.x2go.client.X2GoClient.class)).isTrue();
    }

    @Test
    void apiIsSelfContained() {
        ArchitectureRules.API_IS_SELF_CONTAINED.check(production);
    }

    @Test
    void onlyClientAndCliUseGuice() {
        ArchitectureRules.ONLY_CLIENT_AND_CLI_USE_GUICE.check(production);
    }

    @Test
    void backendsDoNotUseRegistryGuardianOrClient() {
        ArchitectureRules.BACKENDS_DO_NOT_USE_REGISTRY_GUARDIAN_OR_CLIENT.check(production);
    }

    @Test
    void registryAndGuardianUseOnlyTheApi() {
        ArchitectureRules.REGISTRY_AND_GUARDIAN_USE_ONLY_THE_API.check(production);
    }

    @Test
    void backendsAreIndependent() {
        ArchitectureRules.BACKENDS_ARE_INDEPENDENT.check(production);
    }

    @Test
    void internalPackagesArePrivate() {
        ArchitectureRules.INTERNAL_PACKAGES_ARE_PRIVATE.check(production);
    }
}
