package org.x2go.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The dependency rules of DESIGN.md §2, written once and checked against the real code
 * ({@link ArchitectureTest}) and against deliberately bad fixtures ({@link ArchitectureRulesFailTest}).
 */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /** Backend packages: each is one module's root package. */
    static final String[] BACKEND_PACKAGES = {
        "org.x2go.backend..", "org.x2go.proxy..", "org.x2go.settings..", "org.x2go.printing.."
    };

    /** x2go-api depends on nothing of ours and nothing but the JDK and SLF4J. */
    static final ArchRule API_IS_SELF_CONTAINED = classes()
            .that().resideInAnyPackage("org.x2go.api..", "org.x2go.spi..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.slf4j..", "org.x2go.api..", "org.x2go.spi..")
            .because("x2go-api is the thin artifact every plugin compiles against (DESIGN.md §2)");

    /** Only the client facade and the CLI touch Guice. */
    static final ArchRule ONLY_CLIENT_AND_CLI_USE_GUICE = noClasses()
            .that().resideOutsideOfPackages("org.x2go.client..", "org.x2go.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..")
            .because("dependency injection is the facade's concern; SPIs and backends stay container-free");

    /** Backends know neither the registry, the guardian nor the facade. */
    static final ArchRule BACKENDS_DO_NOT_USE_REGISTRY_GUARDIAN_OR_CLIENT = noClasses()
            .that().resideInAnyPackage(BACKEND_PACKAGES)
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.x2go.registry..", "org.x2go.guardian..", "org.x2go.client..", "org.x2go.cli..")
            .allowEmptyShould(true);

    /** The registry and the guardian know backends only through x2go-api. */
    static final ArchRule REGISTRY_AND_GUARDIAN_USE_ONLY_THE_API = noClasses()
            .that().resideInAnyPackage("org.x2go.registry..", "org.x2go.guardian..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(BACKEND_PACKAGES,
                    "org.x2go.client..", "org.x2go.cli..", "org.x2go.testkit.."))
            .allowEmptyShould(true);

    /** A backend never depends on another backend. */
    static final ArchRule BACKENDS_ARE_INDEPENDENT = classes()
            .that().resideInAnyPackage(BACKEND_PACKAGES)
            .should(dependOnNoOtherBackend())
            .allowEmptyShould(true);

    /** {@code .internal} packages are private to the module (root package) that owns them. */
    static final ArchRule INTERNAL_PACKAGES_ARE_PRIVATE = classes()
            .should(notReachIntoForeignInternals());

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code org.x2go.backend.plain.internal.X} → {@code org.x2go.backend.plain}. */
    static String moduleRoot(String pkg) {
        int i = pkg.indexOf(".internal");
        return i < 0 ? pkg : pkg.substring(0, i);
    }

    private static String backendRoot(String pkg) {
        String[] parts = pkg.split("\\.");
        // org.x2go.<area>.<name>... for backend areas; org.x2go.<area> otherwise
        if (parts.length >= 4) {
            return parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3];
        }
        return pkg;
    }

    private static boolean isBackend(String pkg) {
        return pkg.startsWith("org.x2go.backend.") || pkg.startsWith("org.x2go.proxy.")
                || pkg.startsWith("org.x2go.settings.") || pkg.startsWith("org.x2go.printing.");
    }

    private static ArchCondition<JavaClass> dependOnNoOtherBackend() {
        return new ArchCondition<>("depend on no other backend module") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String own = backendRoot(item.getPackageName());
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    if (isBackend(target) && !backendRoot(target).equals(own)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> notReachIntoForeignInternals() {
        return new ArchCondition<>("not depend on another module's .internal package") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String own = moduleRoot(item.getPackageName());
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    if (target.startsWith("org.x2go.") && target.contains(".internal")
                            && !own.startsWith(moduleRoot(target))) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
