/** A context on Spring Data JPA: its entities are a persistence unit of their own, configured by nobody. */
@BoundedContext("shipping")
package com.example.consumer.shipping;

import dev.contextdb.BoundedContext;
