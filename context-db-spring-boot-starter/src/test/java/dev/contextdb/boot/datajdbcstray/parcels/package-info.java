@BoundedContext("parcels")
package dev.contextdb.boot.datajdbcstray.parcels;

import dev.contextdb.BoundedContext;
