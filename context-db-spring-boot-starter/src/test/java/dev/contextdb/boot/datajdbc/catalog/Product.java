package dev.contextdb.boot.datajdbc.catalog;

import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An aggregate with an ordered list of children in a table of their own (product_tag: product, product_key). */
@Table
public record Product(@Id Long id, String name, List<ProductTag> tags) {

    public static Product of(String name, String... tags) {
        return new Product(null, name, java.util.Arrays.stream(tags).map(ProductTag::new).toList());
    }
}
