@BoundedContext("billing")
package dev.contextdb.boot.datajdbccrossing.billing;

import dev.contextdb.BoundedContext;
