package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.contextdb.fixtures.shop.inventory.Inventory;
import dev.contextdb.fixtures.shop.orders.Orders;
import dev.contextdb.internal.GuardCheck;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/** context-db.guard: work of context B while context A's transaction is open on the thread. */
class GuardTest {

    static final ContextModel SHOP = ContextModel.scan("dev.contextdb.fixtures.shop");

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureGuardLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(GuardCheck.class)).addAppender(log);
    }

    @AfterEach
    void releaseGuardLog() {
        ((Logger) LoggerFactory.getLogger(GuardCheck.class)).detachAppender(log);
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL"})
    void warnLogsOneLineNamingBothContextsAndTheCallSite(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(SHOP).guard(Guard.WARN).build()) {
            Shop shop = new Shop(db);
            for (int i = 0; i < 3; i++) {
                shop.orderReservingInOwnTransaction(i);
            }
            assertThat(messages()).singleElement().asString()
                    .startsWith("context-db guard: Context 'inventory' takes a connection while context 'orders' has a"
                            + " transaction open on this thread, at dev.contextdb.GuardTest$Shop.lambda$")
                    .contains("(GuardTest.java:")
                    .endsWith(": the work of 'inventory' is not part of the transaction of 'orders' and will not roll back"
                            + " with it.");
            assertThat(new Inventory(db.dataSource("inventory")).quantity(1)).isEqualTo(7);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL"})
    void failRefusesBeforeAnySqlOfTheOtherContextRuns(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SHARED, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(SHOP).guard(Guard.FAIL).build()) {
            Shop shop = new Shop(db);
            assertThatThrownBy(() -> shop.orderReservingInOwnTransaction(1))
                    .isInstanceOf(CannotCreateTransactionException.class)
                    .rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Context 'inventory' takes a connection while context 'orders' has a"
                            + " transaction open on this thread, at dev.contextdb.GuardTest$Shop.lambda$")
                    .hasMessageEndingWith("Fix: call 'inventory' after the transaction of 'orders' commits (for example from an"
                            + " event listener), or set context-db.guard=warn or allow if separate transactions are"
                            + " intended.");
            assertThatThrownBy(() -> shop.orderReservingWithoutTransaction(2))
                    .rootCause().hasMessageStartingWith("Context 'inventory' takes a connection while context 'orders'");

            // Nothing of inventory ran, and orders rolled back with the failure.
            assertThat(new Inventory(db.dataSource("inventory")).quantity(1)).isEqualTo(10);
            assertThat(new Orders(db.dataSource("orders")).count()).isZero();
            assertThat(ContextScope.current()).isEmpty();
            // Outside orders' transaction inventory works as ever.
            new TransactionTemplate(db.transactionManager("inventory"))
                    .executeWithoutResult(tx -> new Inventory(db.dataSource("inventory")).reserve(1, 1));
            assertThat(messages()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2"})
    void allowSaysNothing(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.SINGLE_POOL);
                ContextDb db = scenario.builder(SHOP).guard(Guard.ALLOW).build()) {
            Shop shop = new Shop(db);
            shop.orderReservingInOwnTransaction(1);
            shop.orderReservingWithoutTransaction(2);
            assertThat(messages()).isEmpty();
            assertThat(new Inventory(db.dataSource("inventory")).quantity(1)).isEqualTo(8);
        }
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Orders that reserve stock from inside orders' transaction: what the guard is for. */
    static final class Shop {
        private final Orders orders;
        private final Inventory inventory;
        private final TransactionTemplate inOrders;
        private final TransactionTemplate inInventory;

        Shop(ContextDb db) {
            orders = new Orders(db.dataSource("orders"));
            inventory = new Inventory(db.dataSource("inventory"));
            inOrders = new TransactionTemplate(db.transactionManager("orders"));
            inInventory = new TransactionTemplate(db.transactionManager("inventory"));
            inInventory.executeWithoutResult(tx -> inventory.stock(1, 10));
        }

        void orderReservingInOwnTransaction(long id) {
            inOrders.executeWithoutResult(tx -> {
                orders.place(id, 1, 1);
                inInventory.executeWithoutResult(inner -> inventory.reserve(1, 1));
            });
        }

        void orderReservingWithoutTransaction(long id) {
            inOrders.executeWithoutResult(tx -> {
                orders.place(id, 1, 1);
                ContextScope.run("inventory", () -> inventory.reserve(1, 1));
            });
        }
    }
}
