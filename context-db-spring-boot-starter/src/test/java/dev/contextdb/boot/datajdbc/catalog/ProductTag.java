package dev.contextdb.boot.datajdbc.catalog;

import org.springframework.data.relational.core.mapping.Table;

/** A child of {@link Product}, in table product_tag. */
@Table
public record ProductTag(String tag) {
}
