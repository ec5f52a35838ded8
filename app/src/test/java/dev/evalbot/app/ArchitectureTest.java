package dev.evalbot.app;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, held by the build: no package cycles, no import running back up,
 * the environment read only at start, no test scaffolding in main, and a pure {@code rules} module.
 * Run: {@code mvn -B -o -pl app -am test -Dtest=ArchitectureTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ArchitectureTest {

    private static final String APP = "dev.evalbot.app";

    /** Imported once: every rule reads the same classes (main only; tests may build anything). */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(APP);

    /** One layer: a name for the failure messages and the packages it holds. */
    private record Layer(String name, String... packages) {}

    /**
     * Top to bottom, one line per tier; a layer may use only the layers of the tiers below it.
     * Layers on one line are siblings and may not use each other. The same table is in
     * docs/architecture.md: change both together.
     */
    private static final List<List<Layer>> TIERS = List.of(
            List.of(new Layer("root and cli", APP, APP + ".cli..")),
            List.of(new Layer("platform.github", APP + ".platform.github.."),
                    new Layer("platform.hub", APP + ".platform.hub..")),
            // below github and hub: the GitHub module's dry-run reviews through the local adapters
            List.of(new Layer("platform.local", APP + ".platform.local..")),
            List.of(new Layer("platform", APP + ".platform")),
            List.of(new Layer("core", APP + ".core..")),
            List.of(new Layer("server", APP + ".server.."),
                    new Layer("reconcile", APP + ".reconcile.."),
                    new Layer("dispatch", APP + ".dispatch..")),
            List.of(new Layer("board", APP + ".board.."),
                    new Layer("commands", APP + ".commands..")),
            List.of(new Layer("trust", APP + ".trust..")),
            List.of(new Layer("review", APP + ".review..")),
            List.of(new Layer("config", APP + ".config..")),
            List.of(new Layer("registry", APP + ".registry..")),
            List.of(new Layer("inbox", APP + ".inbox..")),
            List.of(new Layer("store", APP + ".store..")),
            List.of(new Layer("event", APP + ".event..")));

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(APP + ".(**)")
                .should().beFreeOfCycles()
                .because("a cycle makes two packages one: neither can be read, tested or moved alone")
                .check(MAIN);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layers()
                .because("an import that runs back up ties a lower layer to its users (docs/architecture.md, Layers)")
                .check(MAIN);
    }

    @Test
    void onlyTheStartReadsTheEnvironment() {
        noClasses().that().resideOutsideOfPackages(APP, APP + ".cli..")
                .and(describe("are not settings parsers", (JavaClass c) -> !isSettingsParser(c)))
                .should().accessTargetWhere(readsTheEnvironment())
                .because("the configuration is parsed once at start into typed settings; everything else is handed them")
                .check(MAIN);
    }

    @Test
    void mainHoldsNoTestScaffolding() {
        noClasses().that().resideOutsideOfPackages(APP, APP + ".core..", APP + ".cli..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.junit..", "org.mockito..", "io.micrometer.core.instrument.simple..")
                .because("a SimpleMeterRegistry default or a test library in src/main marks a test-only constructor:"
                        + " tests build the real thing")
                .check(MAIN);
    }

    @Test
    void rulesStayPure() {
        JavaClasses rules = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.evalbot.rules");
        noClasses()
                .should().dependOnClassesThat(describe("are the app, the network, SQL or the web server",
                        ArchitectureTest::outsideThePureLibrary))
                .because("rules takes bytes and a registry and returns findings; the CLI, the server and the"
                        + " benchmarks share it")
                .check(rules);
    }

    private static LayeredArchitecture layers() {
        LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture();
        for (List<Layer> tier : TIERS) {
            for (Layer layer : tier) {
                architecture = architecture.layer(layer.name()).definedBy(layer.packages());
            }
        }
        for (int i = 0; i < TIERS.size(); i++) {
            List<String> below = new ArrayList<>();
            TIERS.subList(i + 1, TIERS.size()).forEach(tier -> tier.forEach(layer -> below.add(layer.name())));
            for (Layer layer : TIERS.get(i)) {
                architecture = below.isEmpty()
                        ? architecture.whereLayer(layer.name()).mayNotAccessAnyLayer()
                        : architecture.whereLayer(layer.name()).mayOnlyAccessLayers(below.toArray(String[]::new));
            }
        }
        return architecture;
    }

    /** A settings parser (its nested classes included) turns the environment into typed settings. */
    private static boolean isSettingsParser(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        String name = outer.getSimpleName();
        return name.endsWith("Settings") || name.endsWith("Config") || name.endsWith("SettingsParser")
                || outer.getName().equals(APP + ".core.CoreSettings");
    }

    /** Calls and method references alike ({@code System::getenv} handed on reads it later). */
    private static DescribedPredicate<JavaAccess<?>> readsTheEnvironment() {
        return describe("System.getenv", access -> access.getTargetOwner().isEquivalentTo(System.class)
                && access.getName().equals("getenv"));
    }

    private static boolean outsideThePureLibrary(JavaClass c) {
        String name = c.getName();
        if (name.equals("java.net.URI") || name.equals("java.net.URISyntaxException")) {
            return false; // parsing a link is not I/O
        }
        String pkg = c.getPackageName();
        return List.of(APP, "java.net", "java.sql", "io.javalin").stream()
                .anyMatch(root -> pkg.equals(root) || pkg.startsWith(root + "."));
    }
}
