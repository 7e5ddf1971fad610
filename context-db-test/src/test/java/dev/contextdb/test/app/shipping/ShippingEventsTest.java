package dev.contextdb.test.app.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextEvents;
import dev.contextdb.test.ContextDbTest;
import dev.contextdb.test.ContextDbTestEvents;
import dev.contextdb.test.app.orders.OrderPlaced;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.transaction.TestTransaction;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The listener context on embedded H2: an event handed to shipping's listener is delivered and
 * committed before {@code deliver} returns; a failing listener's error fails {@code deliver}; in the
 * test's transaction {@code deliver} refuses. The methods run without a test transaction, since the
 * listener commits on its own.
 */
@ContextDbTest("shipping")
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShippingEventsTest {

    @Autowired ContextDbTestEvents events;
    @Autowired ContextEvents contextEvents;
    @Autowired Shipments shipments;

    @Test
    @Order(1)
    void deliversAnEventAndReturnsOnceTheListenerCommitted() {
        assertThat(TestTransaction.isActive()).isFalse();
        events.deliver(new OrderPlaced("tea", 2));
        // Counted right after deliver returned, outside any transaction: the listener's commit.
        assertThat(shipments.count()).isEqualTo(1);
        assertThat(contextEvents.count("shipping", "DONE")).isEqualTo(1);
        assertThat(contextEvents.count("shipping", "PENDING")).isZero();
    }

    @Test
    @Order(2)
    void failsWithTheErrorOfAFailingListener() {
        assertThatThrownBy(() -> events.deliver(new OrderPlaced("unshippable", 1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OrderPlaced[sku=unshippable, quantity=1]")
                .hasMessageContaining(Shipments.class.getName() + ".on(")
                .hasMessageContaining("(context 'shipping') is dead after 1 attempt(s)")
                .hasMessageContaining("java.lang.IllegalStateException: No carrier takes unshippable");
        // The listener's transaction rolled back: only the first method's shipment is there.
        assertThat(shipments.count()).isEqualTo(1);
        assertThat(contextEvents.dead()).hasSize(1);
    }

    @Test
    @Order(3)
    @Transactional
    void refusesToDeliverInTheTestTransaction() {
        assertThat(TestTransaction.isActive()).isTrue();
        assertThatThrownBy(() -> events.deliver(new OrderPlaced("tea", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ContextDbTestEvents.deliver runs in a transaction (the test method's, of"
                        + " context 'shipping')")
                .hasMessageContaining("@Transactional(propagation = Propagation.NOT_SUPPORTED)");
    }

    @Test
    @Order(4)
    void refusesAnEventNoListenerOfTheContextTakes() {
        assertThatThrownBy(() -> events.deliver("a string"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arrived for context 'shipping', which has no @ApplicationModuleListener that"
                        + " takes it");
    }
}
