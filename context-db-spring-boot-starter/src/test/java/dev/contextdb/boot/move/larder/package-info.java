@BoundedContext("larder")
package dev.contextdb.boot.move.larder;

import dev.contextdb.BoundedContext;
