package dev.contextdb.test;

import dev.contextdb.IsolationStrategy;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.transaction.annotation.Transactional;

/**
 * A test of one bounded context: the test slice for what {@code @DataJpaTest} and
 * {@code @JdbcTest} are for a single DataSource.
 *
 * <p>The application context holds the named context and the contexts it
 * {@linkplain dev.contextdb.BoundedContext#reads() reads} (transitively), each with its data-access
 * beans ({@code <context>DataSource}, {@code <context>TransactionManager}, {@code <context>JdbcClient},
 * jOOQ, Spring Data JPA and JDBC repositories and templates) and its migrations; of the application's
 * own components only those in the named context's packages; of the auto-configurations only
 * context-db's and the data-access ones of Boot (the list is
 * {@code META-INF/spring/dev.contextdb.test.ContextDbTest.imports}; add others with
 * {@code @ImportAutoConfiguration} on the test class). Other contexts' beans are not created and
 * their migrations do not run.
 *
 * <p>Each test method runs in a transaction of the context's own {@code <context>TransactionManager}
 * and is rolled back: {@code @Commit} (or {@code @Rollback(false)}) commits it,
 * {@code @Transactional(propagation = NOT_SUPPORTED)} runs the method without one.
 *
 * <p>The database is the configured one ({@code context-db.datasource.*}, else
 * {@code spring.datasource.*}), or embedded H2 when none is configured. Every run of a test class
 * gets names of its own: the schema of a {@code SCHEMA} context, the database of a
 * {@code DATABASE} context, and the shared schema (PostgreSQL) or database (MariaDB) of
 * {@code SHARED} contexts carry a suffix unique to the run, and are dropped when the class has run;
 * so test classes of different contexts can run in parallel against one server. Code that names a
 * read context's table through {@code Placement.qualify} or jOOQ follows the renamed schema.
 *
 * <pre>{@code
 * @ContextDbTest(value = "orders", strategy = {SHARED, SCHEMA, DATABASE})
 * class OrderBookTest {
 *
 *     @Autowired OrderBook orders;                // a component of orders
 *     @Autowired JdbcClient jdbc;                 // ordersJdbcClient
 *
 *     @Test
 *     void placesAnOrder() {                      // in ordersTransactionManager's transaction, rolled back
 *         orders.place("tea", 2);
 *         assertThat(jdbc.sql("select count(*) from purchase_order").query(Long.class).single()).isEqualTo(1);
 *     }
 * }
 * }</pre>
 *
 * <p>With several strategies the class runs once per strategy ({@code [SHARED]}, {@code [SCHEMA]},
 * {@code [DATABASE]}), one after the other, each on a fresh application context: a JUnit Jupiter
 * class template. A context that {@code reads} another cannot run under {@code DATABASE} (the
 * application would not start either); its slice reports so at start-up.
 *
 * <p>With context-db's events on the class path the slice runs them too: {@link ContextDbTestEvents}
 * (injectable) returns what the test {@linkplain ContextDbTestEvents#published published}, rolled
 * back or not, and {@linkplain ContextDbTestEvents#deliver delivers} an event to the context's
 * listeners and waits for their committed effect, in a method that runs without the test
 * transaction ({@code @Transactional(propagation = NOT_SUPPORTED)}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ClassTemplate
@ExtendWith(ContextDbTestRuns.class)
@BootstrapWith(ContextDbTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@Transactional
@ImportAutoConfiguration
public @interface ContextDbTest {

    /**
     * @return the name of the context under test, as in {@code @BoundedContext}
     */
    String value();

    /**
     * The strategies to run the test class under, one run each, in this order; every context of
     * the slice is placed by the run's strategy. Empty (the default): one run, each context placed
     * as configured ({@code context-db.strategy}, {@code context-db.contexts.<name>.strategy}).
     *
     * @return the strategies
     */
    IsolationStrategy[] strategy() default {};

    /**
     * @return properties ({@code key=value}) added to the environment of the test, before the
     *     slice's own placement properties
     */
    String[] properties() default {};

    /**
     * @return auto-configurations left out of the slice
     */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
