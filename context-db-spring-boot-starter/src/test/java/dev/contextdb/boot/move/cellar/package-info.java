@BoundedContext("cellar")
package dev.contextdb.boot.move.cellar;

import dev.contextdb.BoundedContext;
