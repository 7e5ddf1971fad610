@BoundedContext("shipping")
package dev.contextdb.boot.datajdbccrossing.shipping;

import dev.contextdb.BoundedContext;
