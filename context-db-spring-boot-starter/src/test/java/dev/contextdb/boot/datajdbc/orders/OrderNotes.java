package dev.contextdb.boot.datajdbc.orders;

import org.springframework.data.repository.ListCrudRepository;

/** Orders' notes. */
public interface OrderNotes extends ListCrudRepository<OrderNote, Long> {
}
