package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

class ContextScopeEntryTest {

    @Test
    void anEntryKeepsItsContextCurrentUntilClosedAndThenRestoresThePreviousOne() {
        ContextScope.Entry orders = ContextScope.enter("orders");
        assertThat(ContextScope.current()).contains("orders");
        try (ContextScope.Entry catalog = ContextScope.enter("catalog")) {
            assertThat(ContextScope.current()).contains("catalog");
        }
        assertThat(ContextScope.current()).contains("orders");
        orders.close();
        assertThat(ContextScope.current()).isEmpty();
        orders.close(); // a second close must not put "orders" back, nor clear another entry
        assertThat(ContextScope.current()).isEmpty();
    }

    @Test
    void anEntryInAnotherContextSuspendsTheOpenTransactionAsRunDoes() throws Exception {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(RoutingTest.SHOP).build()) {
            new TransactionTemplate(db.transactionManager("orders")).executeWithoutResult(tx -> {
                try (ContextScope.Entry catalog = ContextScope.enter("catalog")) {
                    assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();
                }
                assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isTrue();
                assertThat(ContextScope.current()).contains("orders");
            });
        }
    }
}
