package dev.contextdb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.api.Location;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared scan reads a location as Flyway does, without Flyway's parser. */
class MigrationScriptsTest {

    @ParameterizedTest
    @ValueSource(strings = {"classpath:db/migration/orders", "db/migration/orders", "classpath:/db/migration/orders/",
            "CLASSPATH:db/migration/orders", " classpath:db/migration/orders ", "classpath:db/migration/orders/",
            "/db/migration/orders"})
    void aClassPathLocationNamesTheFolderFlywayReads(String location) {
        assertThat(MigrationScripts.classpathFolder(location)).isEqualTo("db/migration/orders")
                .isEqualTo(new Location(location).getRootPath());
        assertThat(new Location(location).getPrefix()).isEqualTo("classpath:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"filesystem:db/migration/orders", "classpath:db/migration/*", "classpath:db/**/orders",
            "classpath:db/migration/order?", "classpath:", "classpath:/", "gcs:bucket/orders", "s3:bucket/orders"})
    void anyOtherLocationIsLeftToFlywaysScanner(String location) {
        assertThat(MigrationScripts.classpathFolder(location)).isNull();
    }
}
