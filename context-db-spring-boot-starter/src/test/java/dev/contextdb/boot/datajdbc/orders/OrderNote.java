package dev.contextdb.boot.datajdbc.orders;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Sequence;
import org.springframework.data.relational.core.mapping.Table;

/** An aggregate whose id comes from a sequence of orders' database. */
@Table
public record OrderNote(@Id @Sequence("order_note_seq") Long id, String text) {
}
