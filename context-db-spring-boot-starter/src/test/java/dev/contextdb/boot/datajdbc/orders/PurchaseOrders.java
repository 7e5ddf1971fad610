package dev.contextdb.boot.datajdbc.orders;

import java.util.List;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/** A derived query, paging, and a custom fragment. */
public interface PurchaseOrders extends ListCrudRepository<PurchaseOrder, Long>,
        ListPagingAndSortingRepository<PurchaseOrder, Long>, OrderEvents {

    List<PurchaseOrder> findByCustomer(String customer);
}
