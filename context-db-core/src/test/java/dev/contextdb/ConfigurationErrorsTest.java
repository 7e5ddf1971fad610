package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad settings fail at build time with the context, the property and the fix. The URLs point at
 * a port where nothing listens: had any connection been tried (let alone SQL run with the bad
 * value), the error would be a connection failure instead.
 */
class ConfigurationErrorsTest {

    static final ContextModel SHOP = ContextModel.scan("dev.contextdb.fixtures.shop");
    static final String NOWHERE_PG = "jdbc:postgresql://127.0.0.1:9/nowhere";
    static final String NOWHERE_MARIADB = "jdbc:mariadb://127.0.0.1:9/nowhere";

    @ParameterizedTest
    @ValueSource(strings = {"orders\"; drop table product; --", "orders;drop", "ord\u0435rs", "my schema", "select",
            "user", "a123456789012345678901234567890123456789012345678901234567890123", "`orders`", ""})
    void unsafeSchemaNamesAreRefusedBeforeAnyConnection(String schema) {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).datasource(NOWHERE_PG, "u", "p")
                .context("orders", orders -> orders.schema(schema)).build())
                .isInstanceOf(ContextDbConfigurationException.class)
                .hasMessageStartingWith("Context 'orders': schema name '")
                .hasMessageContaining("from context-db.contexts.orders.schema is not accepted: ")
                .hasMessageContaining("Fix: set context-db.contexts.orders.schema to a plain name")
                .satisfies(e -> assertThat(((ContextDbConfigurationException) e).getProperty())
                        .isEqualTo("context-db.contexts.orders.schema"));
    }

    @Test
    void theRefusalShowsInvisibleAndLookAlikeCharactersEscaped() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).datasource(NOWHERE_PG, "u", "p")
                .context("orders", orders -> orders.schema("ord\u0435rs")).build())
                .hasMessage("Context 'orders': schema name 'ord\\u0435rs' from context-db.contexts.orders.schema is not"
                        + " accepted: only ASCII letters, digits and underscores are allowed, starting with a letter or"
                        + " underscore. Fix: set context-db.contexts.orders.schema to a plain name of letters, digits and"
                        + " underscores that starts with a letter, at most 63 characters and not a reserved word, for"
                        + " example 'orders_data'.");
    }

    @Test
    void aContextNameThatIsAReservedWordNeedsAnExplicitSchema() {
        ContextModel model = ContextModel.of(ContextDefinition.of("user", "x.user"));
        assertThatThrownBy(() -> ContextDb.builder(model).datasource(NOWHERE_MARIADB, "u", "p").build())
                .hasMessageStartingWith("Context 'user': schema name 'user' from context-db.contexts.user.schema is not"
                        + " accepted: it is a reserved word.");
    }

    @Test
    void databaseStrategyWithoutUrl() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).datasource(NOWHERE_PG, "u", "p")
                .context("orders", orders -> orders.strategy(IsolationStrategy.DATABASE)).build())
                .isInstanceOf(ContextDbConfigurationException.class)
                .hasMessage("Context 'orders' uses strategy DATABASE but has no database of its own:"
                        + " context-db.contexts.orders.datasource.url is not set. Fix: set"
                        + " context-db.contexts.orders.datasource.url (and .username/.password) to the context's own"
                        + " database, or choose strategy SCHEMA or SHARED for it.");
    }

    @Test
    void readsAcrossDatabasesAreRefused() {
        ContextModel model = ContextModel.of(ContextDefinition.of("catalog", "x.catalog"),
                ContextDefinition.of("orders", "x.orders", "catalog"));
        assertThatThrownBy(() -> ContextDb.builder(model).datasource(NOWHERE_PG, "u", "p")
                .context("catalog", catalog -> catalog.strategy(IsolationStrategy.DATABASE)
                        .datasource(NOWHERE_MARIADB, "u", "p"))
                .build())
                .isInstanceOf(ContextDbConfigurationException.class)
                .hasMessage("Context 'orders' declares reads = \"catalog\", but context 'catalog' uses strategy DATABASE,"
                        + " so the two live in different databases and the read cannot work. Fix: keep both contexts in"
                        + " the shared database (strategy SCHEMA or SHARED), or remove \"catalog\" from reads of"
                        + " definition of x.orders and use catalog's application service or events instead.");
    }

    @Test
    void aConfiguredContextThatNoPackageDeclares() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).datasource(NOWHERE_PG, "u", "p")
                .context("billing", billing -> billing.schema("billing")).build())
                .hasMessage("context-db.contexts.billing is configured, but no package declares a context 'billing';"
                        + " declared contexts: [catalog, inventory, orders]. Fix: declare @BoundedContext(\"billing\") on"
                        + " the context's package-info.java, or remove the properties (or correct the name).");
    }

    @Test
    void schemaUnderShared() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).strategy(IsolationStrategy.SHARED).datasource(NOWHERE_PG, "u", "p")
                .context("orders", orders -> orders.schema("orders")).build())
                .hasMessage("Context 'orders' uses strategy SHARED, where every context shares one schema, but"
                        + " context-db.contexts.orders.schema is set. Fix: remove context-db.contexts.orders.schema, or"
                        + " set context-db.contexts.orders.strategy=SCHEMA.");
    }

    @Test
    void anotherDatabaseUnderSchema() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).datasource(NOWHERE_PG, "u", "p")
                .context("orders", orders -> orders.datasource(NOWHERE_MARIADB, "u", "p")).build())
                .hasMessageStartingWith("Context 'orders' uses strategy SCHEMA, which places it in the shared database of"
                        + " context-db.datasource.url, but context-db.contexts.orders.datasource.url names another"
                        + " database.");
    }

    @Test
    void unknownPoolSetting() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).datasource(NOWHERE_PG, "u", "p")
                .context("orders", orders -> orders.pool("maxPoolSize", "5")).build())
                .isInstanceOf(ContextDbConfigurationException.class)
                .hasMessageStartingWith("Context 'orders': context-db.contexts.orders.pool.maxPoolSize = 5 is not a valid"
                        + " HikariCP setting (");
    }

    @Test
    void perContextPoolSettingsUnderASharedPool() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).datasource(NOWHERE_PG, "u", "p").pooling(Pooling.SINGLE_POOL)
                .context("orders", orders -> orders.pool("maximumPoolSize", "5")).build())
                .hasMessage("Context 'orders' sets context-db.contexts.orders.pool.* but context-db.pooling=single-pool serves"
                        + " every SCHEMA context from one pool. Fix: set the shared pool's settings in context-db.pool.*,"
                        + " or remove context-db.pooling=single-pool.");
    }

    @Test
    void unsupportedDatabaseWithMaskedPassword() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).datasource("jdbc:oracle:thin:scott/tiger@//h:1521/x?password=tiger", "u", "p")
                .build())
                .hasMessage("context-db.datasource.url (jdbc:oracle:...) is not a database context-db supports. Fix: use a jdbc:postgresql:, jdbc:mariadb: (or jdbc:mysql:) or"
                        + " jdbc:h2: URL.");
    }

    @Test
    void unknownDefaultContext() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).defaultContext("shipping").build())
                .hasMessage("context-db.default-context = shipping names no declared context; declared: [catalog,"
                        + " inventory, orders]. Fix: set it to one of the declared contexts, or remove it.");
    }

    @Test
    void sharedHistoryTableNamesMustFitTheVendor() {
        String longName = "a2345678901234567890123456789012345678901234567";
        ContextModel model = ContextModel.of(ContextDefinition.of(longName, "x.y"));
        assertThatThrownBy(() -> ContextDb.builder(model).strategy(IsolationStrategy.SHARED)
                .datasource(NOWHERE_PG, "u", "p").build())
                .isInstanceOf(ContextDbConfigurationException.class)
                .hasMessageContaining("history table name 'flyway_schema_history_" + longName + "'");
    }

    @Test
    void rolesNeedPostgresOrMariadb() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).roles(true).build())
                .hasMessage("context-db.roles.enabled=true needs PostgreSQL or MariaDB; the shared database is H2. Fix:"
                        + " point context-db.datasource.url at PostgreSQL or MariaDB, or set context-db.roles.enabled=false.");
    }

    @Test
    void rolesNeedAPoolPerContext() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).roles(true).pooling(Pooling.SINGLE_POOL)
                .datasource(NOWHERE_PG, "admin", "p").build())
                .hasMessageStartingWith("context-db.roles.enabled=true with context-db.pooling=single-pool: one pool logs in as"
                        + " one user");
    }

    @Test
    void rolesUnderSharedNeedPostgresTableOwnership() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).roles(true).strategy(IsolationStrategy.SHARED)
                .datasource(NOWHERE_MARIADB, "admin", "p").build())
                .hasMessage("Context 'catalog' uses strategy SHARED with context-db.roles.enabled=true on MariaDB, which has"
                        + " no table ownership to keep contexts apart within one schema. Fix: use strategy SCHEMA (on"
                        + " MariaDB: a database per context), or PostgreSQL.");
    }

    @Test
    void aRoleMayNotBeTheAdministrator() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).roles(true).datasource(NOWHERE_PG, "admin", "p")
                .context("orders", orders -> orders.datasource(null, "admin", "p")).build())
                .hasMessageStartingWith("Context 'orders' would connect as 'admin', the user of context-db.datasource that"
                        + " sets up every context's role");
    }

    @Test
    void unsafeRoleNamesAreRefused() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).roles(true).datasource(NOWHERE_PG, "admin", "p")
                .context("orders", orders -> orders.datasource(null, "orders'@'%", "p")).build())
                .hasMessageStartingWith("Context 'orders': role name 'orders'@'%' from"
                        + " context-db.contexts.orders.datasource.username is not accepted");
    }

    @Test
    void perContextPoolSettingsUnderShared() {
        assertThatThrownBy(() -> ContextDb.builder(SHOP).strategy(IsolationStrategy.SHARED).datasource(NOWHERE_PG, "u", "p")
                .context("orders", orders -> orders.pool("maximumPoolSize", "5")).build())
                .hasMessageStartingWith("Context 'orders' sets context-db.contexts.orders.pool.* but uses strategy SHARED");
    }
}
