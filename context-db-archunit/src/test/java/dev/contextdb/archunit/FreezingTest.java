package dev.contextdb.archunit;

import static dev.contextdb.archunit.Fixtures.imported;
import static dev.contextdb.archunit.Fixtures.pkg;
import static dev.contextdb.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code FreezingArchRule.freeze(ContextDbRules.all())}: known violations pass, new ones fail. */
class FreezingTest {

    @TempDir
    Path store;

    @BeforeEach
    void storeInTemporaryDirectory() {
        ArchConfiguration.get().setProperty("freeze.store.default.path", store.toString());
        ArchConfiguration.get().setProperty("freeze.store.default.allowStoreCreation", "true");
    }

    @AfterEach
    void restoreConfiguration() {
        ArchConfiguration.get().reset();
    }

    @Test
    void frozenViolationsPassAndOnlyNewOnesFail() throws Exception {
        JavaClasses before = new ClassFileImporter().withImportOption(location -> !location.contains("OrderImport"))
                .importPackages(pkg("beans.annotationattribute"));
        JavaClasses after = imported("beans.annotationattribute");
        assertThat(violations(ContextDbRules.all(), before)).hasSize(1);
        assertThat(violations(ContextDbRules.all(), after)).hasSize(2);

        assertThat(violations(FreezingArchRule.freeze(ContextDbRules.all()), before)).isEmpty();
        assertThat(violations(FreezingArchRule.freeze(ContextDbRules.all()), before)).isEmpty();
        ArchRule frozen = FreezingArchRule.freeze(ContextDbRules.all());

        assertThat(violations(frozen, after)).singleElement().asString()
                .startsWith("Class <" + pkg("beans.annotationattribute.orders.OrderImport") + "> is annotated with");
        try (var files = Files.list(store)) {
            assertThat(files).isNotEmpty();
        }
    }
}
