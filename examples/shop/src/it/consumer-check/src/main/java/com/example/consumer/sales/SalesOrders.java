package com.example.consumer.sales;

import org.springframework.data.repository.ListCrudRepository;

/** A Spring Data JDBC repository, bound to sales' aggregate template with no @EnableJdbcRepositories. */
interface SalesOrders extends ListCrudRepository<SalesOrder, String> {
}
