package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextScope;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.app.ShopApplication;
import dev.contextdb.boot.app.billing.BillingConfiguration.InvoiceNumbers;
import dev.contextdb.boot.app.billing.BillingService;
import dev.contextdb.boot.app.outside.Reporting;
import dev.contextdb.boot.app.sales.SalesService;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * The test application on real databases under every strategy: the same code, only
 * {@code context-db.strategy} and the places change. Rows are checked in each database's catalog.
 */
class ShopIntegrationTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.contextdb.boot.Shop#everyVendorAndStrategy")
    void unqualifiedInjectionAndTransactionsWorkInEachContextsOwnPlace(Kind kind, IsolationStrategy strategy) {
        try (Scenario scenario = Shop.scenario(kind, strategy)) {
            new ApplicationContextRunner().withConfiguration(Shop.AUTO_CONFIGURATIONS)
                    .withUserConfiguration(ShopApplication.class)
                    .withPropertyValues(Shop.properties(scenario))
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        SalesService sales = context.getBean(SalesService.class);
                        BillingService billing = context.getBean(BillingService.class);
                        assertInjection(context, sales, billing);

                        sales.record(1);
                        billing.charge(1);
                        assertThat(sales.count()).isEqualTo(1);
                        assertThat(billing.count()).isEqualTo(1);

                        // A failure rolls back only its own context's transaction.
                        assertThatThrownBy(() -> sales.recordThenFail(2)).hasMessage("sale 2 failed");
                        assertThatThrownBy(() -> billing.chargeThenFail(3)).hasMessage("charge 3 failed");
                        assertThat(sales.count()).isEqualTo(1);
                        assertThat(billing.count()).isEqualTo(1);

                        // Billing's transaction inside sales' runs on billing's own connection and
                        // commits on its own: sales' later rollback does not undo it.
                        assertThatThrownBy(() -> sales.recordChargeThenFail(4))
                                .hasMessage("sale 4 failed after billing charged");
                        assertThat(sales.contextInTransaction()).isEqualTo("sales");
                        assertThat(billing.contextInTransaction()).isEqualTo("billing");
                        assertThat(billing.lastConnection()).isNotSameAs(sales.lastConnection());
                        assertThat(sales.count()).isEqualTo(1);
                        assertThat(billing.count()).isEqualTo(2);

                        // Outside every context, the routing beans serve whichever context is entered.
                        Reporting reporting = context.getBean(Reporting.class);
                        assertThat(ContextScope.call("sales", reporting::sales)).isEqualTo(1);
                        assertThatThrownBy(reporting::sales).rootCause()
                                .hasMessageStartingWith("No bounded context is current on thread");

                        assertPlacement(scenario, context.getBean(ContextDb.class));
                    });
        }
    }

    private static void assertInjection(ApplicationContext context, SalesService sales, BillingService billing) {
        assertThat(sales.jdbc()).isSameAs(context.getBean("salesJdbcClient"));
        assertThat(sales.dataSource()).isSameAs(context.getBean("salesDataSource"));
        assertThat(billing.jdbc()).isSameAs(context.getBean("billingJdbcTemplate"));
        assertThat(billing.transactions()).isSameAs(context.getBean("billingTransactionTemplate"));
        assertThat(context.getBean(InvoiceNumbers.class).dataSource()).isSameAs(context.getBean("billingDataSource"));
        Reporting reporting = context.getBean(Reporting.class);
        assertThat(reporting.dataSource).isSameAs(context.getBean("dataSource"))
                .isSameAs(context.getBean(ContextDb.class).routingDataSource());
        assertThat(reporting.jdbc).isSameAs(context.getBean("jdbcClient"));
        assertThat(reporting.transactionManager).isSameAs(context.getBean("transactionManager"));
    }

    private static void assertPlacement(Scenario scenario, ContextDb contextDb) {
        switch (scenario.strategy()) {
            case SCHEMA, DATABASE -> {
                assertThat(scenario.tablesOf("sales")).containsExactly("flyway_schema_history", "sale");
                assertThat(scenario.tablesOf("billing")).containsExactly("flyway_schema_history", "invoice");
            }
            case SHARED -> assertThat(scenario.tablesOf("sales")).contains("sale", "invoice",
                    "flyway_schema_history_sales", "flyway_schema_history_billing");
        }
        assertThat(scenario.query("sales", "select id from " + scenario.qualified("sales", "sale"))).containsExactly("1");
        assertThat(scenario.query("billing", "select id from " + scenario.qualified("billing", "invoice") + " order by id"))
                .containsExactly("1", "4");
        assertThat(contextDb.placement("sales").strategy()).isEqualTo(scenario.strategy());
    }
}
