package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.consumer.Server.Vendor;
import com.example.consumer.billing.Invoices;
import com.example.consumer.sales.SalesLine;
import com.example.consumer.sales.Sales;
import com.example.consumer.shipping.Shipping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The consumer's three contexts (billing on JdbcClient, shipping on Spring Data JPA, sales on
 * Spring Data JDBC), with no persistence configuration in the application, under each strategy on
 * each vendor, switched by properties alone. Hibernate validates shipping's mapping against the
 * migrated tables in every run, and each context's rows are read back with SQL qualified by the
 * place the strategy gives it, over a connection of the check's own.
 */
class StrategiesTest {

    static final List<String> CONTEXTS = List.of("billing", "shipping", "sales");

    static Stream<Arguments> placements() {
        return Stream.of(Vendor.values()).flatMap(vendor -> Stream.of("schema", "shared", "database")
                .map(strategy -> Arguments.of(vendor, strategy)));
    }

    /** Where a context's tables are: {@code prefix} qualifies a table of the base database, or {@code database} is its own. */
    record Place(String prefix, String database) {
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("placements")
    void everyContextRunsAndItsRowsLandWhereTheStrategySays(Vendor vendor, String strategy) {
        try (Server server = Server.connect(vendor)) {
            List<String> args = new ArrayList<>(List.of("--context-db.strategy=" + strategy,
                    "--context-db.pool.maximum-pool-size=2", "--spring.jpa.hibernate.ddl-auto=validate",
                    "--spring.main.banner-mode=off"));
            Map<String, Place> places = new HashMap<>();
            switch (strategy) {
                case "schema" -> {
                    args.add("--context-db.datasource.url=" + server.url());
                    args.addAll(server.credentials("--context-db.datasource."));
                    for (String context : CONTEXTS) {
                        String schema = server.schemaToBeCreated(context);
                        args.add("--context-db.contexts." + context + ".schema=" + schema);
                        // context-db creates an H2 schema quoted, in lower case as written.
                        places.put(context, new Place(vendor == Vendor.H2 ? "\"" + schema + "\"." : schema + ".", null));
                    }
                }
                case "shared" -> {
                    String schema = vendor == Vendor.H2 ? "PUBLIC" : server.createSchema();
                    args.add("--context-db.datasource.url="
                            + (vendor == Vendor.H2 ? server.url() : server.urlWithDefaultSchema(schema)));
                    args.addAll(server.credentials("--context-db.datasource."));
                    CONTEXTS.forEach(context -> places.put(context, new Place(schema + ".", null)));
                }
                default -> {
                    for (String context : CONTEXTS) {
                        String database = server.createDatabase(context);
                        String prefix = "--context-db.contexts." + context + ".datasource.";
                        args.add(prefix + "url=" + server.urlOf(database));
                        args.addAll(server.credentials(prefix));
                        places.put(context, new Place("", database));
                    }
                }
            }

            SpringApplication application = new SpringApplication(ConsumerApplication.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            try (ConfigurableApplicationContext app = application.run(args.toArray(String[]::new))) {
                assertThat(app.getBean(Invoices.class).issue(1200)).isEqualTo(1L);

                Shipping shipping = app.getBean(Shipping.class);
                long basel = shipping.ship("Basel");
                long bern = shipping.ship("Bern");
                assertThat(bern).isGreaterThan(basel);
                assertThat(shipping.destinationOf(bern)).isEqualTo("Bern");
                assertThat(shipping.countTo("Basel")).isEqualTo(1);

                Sales sales = app.getBean(Sales.class);
                String order = sales.place("ada", new SalesLine("teapot", 1), new SalesLine("cup", 6));
                assertThat(sales.linesOf(order)).containsExactlyInAnyOrder(new SalesLine("teapot", 1),
                        new SalesLine("cup", 6));
            }

            assertThat(query(server, places.get("billing"), "amount_cents", "invoice", "")).containsExactly("1200");
            assertThat(query(server, places.get("shipping"), "destination", "shipment", "order by id"))
                    .containsExactly("Basel", "Bern");
            assertThat(query(server, places.get("sales"), "customer", "sales_order", "")).containsExactly("ada");
            assertThat(query(server, places.get("sales"), "product", "sales_line", "order by product"))
                    .containsExactly("cup", "teapot");
        }
    }

    private static List<String> query(Server server, Place place, String column, String table, String rest) {
        return server.query(place.database(), "select " + column + " from " + place.prefix() + table + " " + rest);
    }
}
