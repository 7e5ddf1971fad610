package dev.contextdb.examples.shop.inventory;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unquotedName;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

/** The inventory's repository, with jOOQ: the {@link DSLContext} is inventory's own, unqualified. */
@Repository
class StockLevels {

    private static final Table<Record> STOCK = table(unquotedName("stock"));
    private static final Field<Long> PRODUCT_ID = field(unquotedName("product_id"), Long.class);
    private static final Field<Integer> QUANTITY = field(unquotedName("quantity"), Integer.class);

    private final DSLContext db;

    StockLevels(DSLContext db) {
        this.db = db;
    }

    int available(long productId) {
        Integer quantity = db.select(QUANTITY).from(STOCK).where(PRODUCT_ID.eq(productId)).fetchOne(QUANTITY);
        return quantity == null ? 0 : quantity;
    }

    boolean take(long productId, int quantity) {
        return db.update(STOCK).set(QUANTITY, QUANTITY.minus(quantity))
                .where(PRODUCT_ID.eq(productId)).and(QUANTITY.ge(quantity)).execute() == 1;
    }
}
