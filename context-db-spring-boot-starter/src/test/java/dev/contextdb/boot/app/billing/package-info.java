@BoundedContext("billing")
package dev.contextdb.boot.app.billing;

import dev.contextdb.BoundedContext;
