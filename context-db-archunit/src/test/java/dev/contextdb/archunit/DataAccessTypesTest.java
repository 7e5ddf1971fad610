package dev.contextdb.archunit;

import static dev.contextdb.archunit.Fixtures.imported;
import static dev.contextdb.archunit.Fixtures.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import javax.sql.DataSource;
import org.jooq.Record;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.support.JdbcDaoSupport;
import org.springframework.stereotype.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which types count as data access: by annotation, supertype, injection or jOOQ constants. */
class DataAccessTypesTest {

    private final DataAccessTypes types = new DataAccessTypes();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            shop.catalog.CatalogRepository     | a Spring @Repository
            shop.inventory.StockRepository     | a Spring Data repository
            shop.catalog.jooq.ProductTable     | a jOOQ table
            shop.catalog.jooq.ProductRecord    | a jOOQ record
            shop.orders.CatalogPrices          | a class that injects DSLContext
            access.methodcall.catalog.CatalogQueries | a class that injects DataSource
            access.metaannotation.catalog.PriceHistory | a Spring @Repository
            outside.jooq.Tables                | a holder of jOOQ tables, keys or sequences
            """)
    void fixtureTypes(String type, String kind) {
        String fixture = type.substring(0, type.indexOf('.', type.indexOf('.') + 1));
        JavaClass javaClass = imported(fixture.startsWith("shop") ? "shop" : fixture).get(pkg(type));

        assertThat(types.kindOf(javaClass)).contains(kind);
    }

    @ParameterizedTest
    @CsvSource({
            "shop.catalog.CatalogService", "shop.catalog.Product", "shop.catalog.ProductRenamed",
            "shop.inventory.InventoryService", "shop.orders.OrderService", "shop.shared.Money"})
    void servicesDtosAndEventsAreNot(String type) {
        assertThat(types.kindOf(imported("shop").get(pkg(type)))).isEmpty();
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

    @Test
    void inheritedInjectedWrappedAndGeneratedDataAccess() {
        var classes = new ClassFileImporter().importClasses(InheritsRepository.class, SetterInjected.class,
                NotInjectedByPlainMethod.class, ProvidedDataSource.class, DaoSupport.class, Keys.class);

        assertThat(types.kindOf(classes.get(InheritsRepository.class))).contains("a Spring @Repository");
        assertThat(types.kindOf(classes.get(SetterInjected.class))).contains("a class that injects JdbcTemplate");
        assertThat(types.kindOf(classes.get(NotInjectedByPlainMethod.class))).isEmpty();
        assertThat(types.kindOf(classes.get(ProvidedDataSource.class))).contains("a class that injects DataSource");
        assertThat(types.kindOf(classes.get(DaoSupport.class))).contains("a JdbcDaoSupport");
        assertThat(types.kindOf(classes.get(Keys.class))).contains("a holder of jOOQ tables, keys or sequences");
    }
}
