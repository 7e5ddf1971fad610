package dev.contextdb.examples.shop.orders;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/**
 * The orders' repository, Spring Data JDBC. No {@code @EnableJdbcRepositories} anywhere: being in
 * orders' package binds it to orders' aggregate template (its database's dialect) and transaction
 * manager.
 */
interface OrderBook extends ListCrudRepository<CustomerOrder, String>,
        ListPagingAndSortingRepository<CustomerOrder, String> {
}
