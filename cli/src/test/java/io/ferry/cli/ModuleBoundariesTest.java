package io.ferry.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the module boundaries of CONVENTIONS.md on the classes of every module, which only the CLI
 * (depending on all of them) can see together.
 */
class ModuleBoundariesTest {

  private static JavaClasses ferry;

  // Modules come as target/classes folders in a `test` build and as jars in a `verify` build:
  // both are imported, and an empty import fails the rules (ArchUnit's failOnEmptyShould).
  @BeforeAll
  static void importFerry() {
    ferry =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ferry");
  }

  @Test
  void librariesDependOnNeitherSpringNorTheServer() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.ferry.oci..", "io.ferry.bundle..", "io.ferry.platform..", "io.ferry.alert..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "io.ferry.server..", "io.ferry.cli..")
        .check(ferry);
  }

  @Test
  void onlyTheCliWritesToTheConsole() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.ferry.cli..")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .check(ferry);
  }
}
