package dev.contextdb.archunit;

import static dev.contextdb.archunit.Fixtures.imported;
import static dev.contextdb.archunit.Fixtures.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import jakarta.persistence.Entity;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.Record;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.support.JdbcDaoSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.stereotype.Repository;

/** Which types count as data access: by annotation, supertype, injection or jOOQ constants. */
class DataAccessTypesTest {

    private final DataAccessTypes types = new DataAccessTypes();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            shop.catalog.CatalogRepository             | a Spring @Repository                        | false
            shop.inventory.StockRepository             | a Spring Data repository                    | false
            shop.orders.CatalogPrices                  | a class that injects DSLContext             | false
            access.methodcall.catalog.CatalogQueries   | a class that injects DataSource             | false
            access.metaannotation.catalog.PriceHistory | a Spring @Repository                        | false
            shop.catalog.jooq.ProductTable             | a jOOQ table                                | true
            shop.catalog.jooq.ProductRecord            | a jOOQ record                               | true
            outside.jooq.Tables                        | a holder of jOOQ tables, keys or sequences  | true
            entities.manytoone.catalog.Product         | a JPA entity                                | true
            entities.manytomany.orders.Wishlist        | a JPA entity                                | true
            entities.jdbcaggregate.catalog.Product     | a Spring Data JDBC aggregate                | true
            entities.embeddable.catalog.Dimensions     | a JPA embeddable                            | false
            entities.onetoone.catalog.CatalogEntity    | a JPA mapped superclass                     | false
            """)
    void fixtureTypes(String type, String description, boolean describesTables) {
        String fixture = type.startsWith("shop.") ? "shop" : type.substring(0, type.indexOf('.', type.indexOf('.') + 1));

        assertThat(types.kindOf(imported(fixture).get(pkg(type))))
                .contains(new DataAccessKind(description, describesTables));
    }

    @ParameterizedTest
    @CsvSource({
            "shop.catalog.CatalogService", "shop.catalog.Product", "shop.catalog.ProductRenamed",
            "shop.inventory.InventoryService", "shop.orders.OrderService", "shop.shared.Money"})
    void servicesDtosAndEventsAreNot(String type) {
        assertThat(types.kindOf(imported("shop").get(pkg(type)))).isEmpty();
    }

    private Optional<String> description(JavaClass type) {
        return types.kindOf(type).map(DataAccessKind::description);
    }

    @Repository
    static class BaseRepository {
    }

    static class InheritsRepository extends BaseRepository {
    }

    static class SetterInjected {
        @Autowired
        void use(JdbcTemplate jdbc) {
        }
    }

    static class NotInjectedByPlainMethod {
        void use(JdbcTemplate jdbc) {
        }
    }

    static class ProvidedDataSource {
        ObjectProvider<DataSource> dataSource;
    }

    static class DaoSupport extends JdbcDaoSupport {
    }

    static class Keys {
        public static final UniqueKey<Record> AUDIT_PKEY =
                Internal.createUniqueKey(DSL.table("audit"), DSL.name("audit_pkey"), new org.jooq.TableField[0], true);
    }

    @Entity
    static class Invoice {
    }

    /** JPA's mapping annotations are not inherited. */
    static class InvoiceView extends Invoice {
    }

    @Test
    void aPlainSubclassOfAnEntityIsNoEntity() {
        var classes = new ClassFileImporter().importClasses(Invoice.class, InvoiceView.class);

        assertThat(description(classes.get(Invoice.class))).contains("a JPA entity");
        assertThat(description(classes.get(InvoiceView.class))).isEmpty();
    }

    /** A consumer's test without JPA or Spring Data on its class path: the annotations are stubs. */
    @Test
    void mappingsAndRelationshipsAreRecognisedByNameOnStubs() {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        try {
            JavaClasses classes = new ClassFileImporter().importPackages(pkg("entities.jdbcaggregate"));
            JavaClasses jpa = new ClassFileImporter().importPackages(pkg("entities.targetentity"));
            JavaClass annotation = classes.get(pkg("entities.jdbcaggregate.orders.Cart")).getAnnotations().iterator()
                    .next().getRawType();

            assertThat(annotation.getName()).isEqualTo("org.springframework.data.relational.core.mapping.Table");
            assertThat(classes.contain(annotation.getName())).isFalse();
            assertThat(description(classes.get(pkg("entities.jdbcaggregate.catalog.Product"))))
                    .contains("a Spring Data JDBC aggregate");
            assertThat(Fixtures.violations(ContextDbRules.noEntityRelationshipsAcrossContexts(), classes))
                    .isEqualTo(Fixtures.violations(ContextDbRules.noEntityRelationshipsAcrossContexts(),
                            "entities.jdbcaggregate")).hasSize(2);
            assertThat(jpa.contain("jakarta.persistence.ManyToOne")).isFalse();
            assertThat(Fixtures.violations(ContextDbRules.noEntityRelationshipsAcrossContexts(), jpa))
                    .isEqualTo(Fixtures.violations(ContextDbRules.noEntityRelationshipsAcrossContexts(),
                            "entities.targetentity")).hasSize(1);
        } finally {
            ArchConfiguration.get().reset();
        }
    }

    @Test
    void inheritedInjectedWrappedAndGeneratedDataAccess() {
        var classes = new ClassFileImporter().importClasses(InheritsRepository.class, SetterInjected.class,
                NotInjectedByPlainMethod.class, ProvidedDataSource.class, DaoSupport.class, Keys.class);

        assertThat(description(classes.get(InheritsRepository.class))).contains("a Spring @Repository");
        assertThat(description(classes.get(SetterInjected.class))).contains("a class that injects JdbcTemplate");
        assertThat(description(classes.get(NotInjectedByPlainMethod.class))).isEmpty();
        assertThat(description(classes.get(ProvidedDataSource.class))).contains("a class that injects DataSource");
        assertThat(description(classes.get(DaoSupport.class))).contains("a JdbcDaoSupport");
        assertThat(description(classes.get(Keys.class))).contains("a holder of jOOQ tables, keys or sequences");
    }
}
