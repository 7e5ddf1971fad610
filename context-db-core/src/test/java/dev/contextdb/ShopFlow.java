package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.fixtures.shop.catalog.Catalog;
import dev.contextdb.fixtures.shop.inventory.Inventory;
import dev.contextdb.fixtures.shop.orders.Orders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shop's contexts at work, the same whatever the strategy or vendor: catalogue entries,
 * stock, an order that fails after inventory committed its reservation (only orders rolls back),
 * an inventory failure (catalog's rows stay), and an order that succeeds.
 */
final class ShopFlow {

    private ShopFlow() {
    }

    static void exercise(ContextDb db) {
        // The catalog's code gets the routing DataSource; the others their own: both must work.
        Catalog catalog = new Catalog(db.routingDataSource());
        Inventory inventory = new Inventory(db.dataSource("inventory"));
        Orders orders = new Orders(db.dataSource("orders"));
        TransactionTemplate inCatalog = new TransactionTemplate(db.transactionManager("catalog"));
        TransactionTemplate inInventory = new TransactionTemplate(db.transactionManager("inventory"));
        TransactionTemplate inOrders = new TransactionTemplate(db.transactionManager("orders"));

        inCatalog.executeWithoutResult(tx -> {
            catalog.add(1, "teapot");
            catalog.add(2, "kettle");
        });
        inInventory.executeWithoutResult(tx -> {
            inventory.stock(1, 10);
            inventory.stock(2, 5);
        });

        // orders fails after inventory committed its reservation: only orders rolls back.
        assertThatThrownBy(() -> inOrders.executeWithoutResult(tx -> {
            orders.place(100, 1, 3);
            inInventory.executeWithoutResult(inner -> inventory.reserve(1, 3));
            throw new IllegalStateException("payment declined");
        })).hasMessage("payment declined");
        assertThat(ContextScope.current()).isEmpty();

        // inventory fails: catalog's committed rows stay.
        assertThatThrownBy(() -> inInventory.executeWithoutResult(tx -> {
            inventory.reserve(2, 1);
            inventory.reserve(2, 10);
        })).hasMessage("Not enough stock of product 2");

        inOrders.executeWithoutResult(tx -> {
            orders.place(101, 2, 2);
            inInventory.executeWithoutResult(inner -> inventory.reserve(2, 2));
        });

        assertThat(ContextScope.call("catalog", catalog::names)).containsExactly("teapot", "kettle");
        assertThat(inventory.quantity(1)).isEqualTo(7);
        assertThat(inventory.quantity(2)).isEqualTo(3);
        assertThat(orders.count()).isEqualTo(1);
    }
}
