package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Pooling;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.TestDatabase.Kind;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A declared read, executed: under SCHEMA orders (reads catalog) joins its own table with
 * catalog's, through its {@code ordersJdbcClient} and its {@code ordersDSLContext}, each written
 * the documented way: plain SQL names catalog's table by {@code Placement.qualify}, jOOQ by the
 * schema {@code catalog} (the context's name), which renders as catalog's schema. The schemas
 * have unique names, so neither works by a schema happening to be called {@code catalog}. With
 * roles, the read is granted and a write to catalog's table is refused by the database. Under
 * SHARED the same code runs unchanged.
 */
class DeclaredReadTest {

    private static final ContextModel MODEL = ContextModel.of(
            ContextDefinition.of("catalog", "dev.contextdb.boot.reads.catalog"),
            ContextDefinition.of("orders", "dev.contextdb.boot.reads.orders", "catalog"));

    static Stream<Arguments> databases() {
        List<Arguments> all = new ArrayList<>();
        for (Kind kind : List.of(Kind.POSTGRESQL, Kind.MARIADB)) {
            all.add(Arguments.of(kind, IsolationStrategy.SCHEMA, false));
            all.add(Arguments.of(kind, IsolationStrategy.SCHEMA, true));
            // The same code without a schema per context: what moving between the two changes.
            all.add(Arguments.of(kind, IsolationStrategy.SHARED, false));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}, roles {2}")
    @MethodSource("databases")
    void ordersJoinsItsOwnTableWithCatalogsThroughJdbcAndJooq(Kind kind, IsolationStrategy strategy, boolean roles) {
        try (Scenario scenario = new Scenario(kind, strategy, Pooling.PER_CONTEXT)) {
            scenario.builder(MODEL); // makes the scenario's schema names, dropped when it closes
            boolean schemas = strategy == IsolationStrategy.SCHEMA;
            List<String> properties = new ArrayList<>(List.of("context-db.base-packages=dev.contextdb.boot.reads",
                    "context-db.strategy=" + strategy, "context-db.pool.maximum-pool-size=2",
                    "context-db.pool.minimum-idle=1", "context-db.roles.enabled=" + roles,
                    "context-db.datasource.url=" + (schemas ? scenario.database().url()
                            : scenario.database().urlWithDefaultSchema(scenario.sharedSchema())),
                    "context-db.datasource.username=" + scenario.database().username(),
                    "context-db.datasource.password=" + scenario.database().password()));
            String ordersUser = scenario.database().username();
            for (String context : MODEL.names()) {
                String prefix = "context-db.contexts." + context + ".";
                if (schemas) {
                    properties.add(prefix + "schema=" + scenario.placeOf(context));
                }
                properties.add(prefix + "flyway.locations=classpath:db/reads/" + context);
                if (roles) {
                    String role = TestDatabase.uniqueName(context);
                    scenario.database().dropRoleLater(role);
                    properties.add(prefix + "datasource.username=" + role);
                    properties.add(prefix + "datasource.password=pw-" + role);
                    if (context.equals("orders")) {
                        ordersUser = role;
                    }
                }
            }
            String expectedUser = ordersUser;
            new ApplicationContextRunner().withConfiguration(Shop.AUTO_CONFIGURATIONS)
                    .withPropertyValues(properties.toArray(String[]::new)).run(context -> {
                        assertThat(context).hasNotFailed();
                        ContextDb db = context.getBean(ContextDb.class);
                        assertThat(db.placement("orders").username()).isEqualTo(expectedUser);
                        JdbcClient orders = context.getBean("ordersJdbcClient", JdbcClient.class);
                        orders.sql("insert into purchase_order (id, product_id, quantity) values (10, 1, 3), (11, 2, 1),"
                                + " (12, 1, 2)").update();

                        String product = db.placement("catalog").qualify("product");
                        assertThat(product).isEqualTo(!schemas ? "product" : (kind == Kind.MARIADB
                                ? "`" + scenario.placeOf("catalog") + "`" : "\"" + scenario.placeOf("catalog") + "\"")
                                + ".product");
                        List<String> joined = orders.sql("select o.id, p.name, o.quantity from purchase_order o join "
                                + product + " p on p.id = o.product_id order by o.id")
                                .query((row, n) -> row.getInt(1) + " " + row.getString(2) + " x" + row.getInt(3))
                                .list();
                        assertThat(joined).containsExactly("10 tea x3", "11 cup x1", "12 tea x2");

                        DSLContext dsl = context.getBean("ordersDSLContext", DSLContext.class);
                        Table<?> order = DSL.table(DSL.name("purchase_order")).as("o");
                        Table<?> catalogProduct = DSL.table(DSL.name("catalog", "product")).as("p");
                        List<String> viaJooq = dsl.select(DSL.field(DSL.name("o", "id"), Integer.class),
                                        DSL.field(DSL.name("p", "name"), String.class))
                                .from(order).join(catalogProduct)
                                .on(DSL.field(DSL.name("p", "id")).eq(DSL.field(DSL.name("o", "product_id"))))
                                .orderBy(DSL.field(DSL.name("o", "id")))
                                .fetch(row -> row.value1() + " " + row.value2());
                        assertThat(viaJooq).containsExactly("10 tea", "11 cup", "12 tea");
                        // What ran is what the documented way renders: catalog's schema, not "catalog";
                        // under SHARED the one schema of the connection.
                        String q = kind == Kind.MARIADB ? "`" : "\"";
                        assertThat(dsl.render(dsl.selectFrom(DSL.table(DSL.name("catalog", "product")))))
                                .endsWith(" from " + (schemas ? q + scenario.placeOf("catalog") + q + "." : "")
                                        + q + "product" + q);

                        if (roles) {
                            // Read, not write: the database refuses, with its permission error.
                            assertRefused(kind, catchThrowable(() -> orders.sql("insert into " + product
                                    + " (id, name) values (4, 'jug')").update()));
                            assertRefused(kind, catchThrowable(() -> dsl.insertInto(DSL.table(DSL.name("catalog",
                                    "product")), DSL.field(DSL.name("id")), DSL.field(DSL.name("name")))
                                    .values(5, "mug").execute()));
                            assertThat(scenario.database().queryStrings("select name from "
                                    + scenario.qualified("catalog", "product") + " order by id"))
                                    .containsExactly("tea", "cup", "pot");
                        }
                    });
        }
    }

    private static void assertRefused(Kind kind, Throwable failure) {
        assertThat(failure).as("a write to catalog's table from orders").isNotNull();
        SQLException sql = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException found) {
                sql = found;
            }
        }
        if (sql == null) {
            throw new AssertionError("No SQLException under " + failure, failure);
        }
        if (kind == Kind.POSTGRESQL) {
            assertThat(sql.getSQLState()).as(sql.getMessage()).isEqualTo("42501");
        } else {
            assertThat(sql.getErrorCode()).as(sql.getMessage()).isEqualTo(1142);
        }
    }
}
