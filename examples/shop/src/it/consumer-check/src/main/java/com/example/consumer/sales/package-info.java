/** A context on Spring Data JDBC: an aggregate with children, configured by nobody. */
@BoundedContext("sales")
package com.example.consumer.sales;

import dev.contextdb.BoundedContext;
