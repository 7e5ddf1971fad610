@BoundedContext("catalog")
package dev.contextdb.boot.datajdbc.catalog;

import dev.contextdb.BoundedContext;
