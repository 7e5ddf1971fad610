/** The catalog whose products orders reads. */
@BoundedContext("catalog")
package dev.contextdb.boot.reads.catalog;

import dev.contextdb.BoundedContext;
