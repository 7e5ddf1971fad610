package com.example.consumer.sales;

/** A child of {@link SalesOrder}, in table sales_line. */
public record SalesLine(String product, int quantity) {
}
